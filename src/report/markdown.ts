import type { CheckReport, RuleStatus, Verdict } from '../verdict/types.js';
import { formatDiffMarkdown } from '../diff/format-markdown.js';
import { countLine, gateNote } from './gate-note.js';
import { launchMarkdown } from './launch-section.js';
import { lineList, mdText } from './text-util.js';
import type { ReportFormatter, ReportItem } from './types.js';

const ICON: Record<RuleStatus | Verdict, string> = { pass: '✅', fail: '❌', inconclusive: '❔', skip: '➖' };

/** Table cells: no line breaks, no markup from console text (mdText escapes pipes too). */
const cell = mdText;

function rulesPart(item: ReportItem): string[] {
  const r: CheckReport = item.report;
  const out: string[] = [];
  out.push(`### ${ICON[r.verdict]} ${r.verdict.toUpperCase()} — ${cell(item.label)}`, '');
  const note = gateNote(item);
  if (note) out.push(`*${mdText(note)}*`, '');
  out.push(`Platform: \`${r.platform.id}\` (${r.platform.source})`, '');
  out.push('| | rule | result | lines |', '|---|---|---|---|');
  for (const f of r.findings) out.push(`| ${ICON[f.status]} | \`${f.rule}\` | ${cell(f.message)} | ${lineList(f.evidence)} |`);
  if (r.diagnoses.length > 0) {
    out.push('', '**Diagnosis** (most likely first):', '');
    r.diagnoses.forEach((d, i) => {
      out.push(`${i + 1}. **${d.id}**: ${cell(d.summary)}${d.evidence.length ? ` (line ${lineList(d.evidence)})` : ''}`);
      out.push(`   *Remedy:* ${cell(d.remedy)}`);
    });
  }
  return out;
}

function gatePart(item: ReportItem): string[] {
  const out: string[] = [];
  if (item.known && item.known.outcome.matches.length > 0) {
    out.push('**Known issues:**', '');
    for (const m of item.known.outcome.matches) {
      // An autolink only for a plain URL: a redacted one holds `<ip:…>` tokens.
      const link = /^https?:\/\/[^\s<>]+$/.test(m.link) ? `<${m.link}>` : mdText(m.link);
      out.push(`- known: ${link} — ${mdText(m.title)}${m.note ? ` — ${mdText(m.note)}` : ''}`);
    }
    out.push('');
  }
  if (item.baseline) {
    // The diff formatter's own page heading becomes a heading under this input's `###`.
    out.push(formatDiffMarkdown(item.baseline.diff).replace(/^## bootgate diff\n/, `#### Baseline ${mdText(item.baseline.name)}\n`));
  }
  return out;
}

/**
 * For a CI step summary ($GITHUB_STEP_SUMMARY, GitLab/Jenkins markdown views). GitHub takes at
 * most 1 MiB per step summary: with `maxBytes`, inputs past the limit are counted, not listed.
 */
export const markdownFormatter: ReportFormatter = {
  id: 'markdown',
  description: 'GitHub-flavoured markdown for a CI step summary',
  open(run, ctx) {
    let bytes = 0;
    let left = 0;
    const limit = ctx.maxBytes ?? 0;
    /** Counts what is written; past the limit, counts the input as left out instead. */
    const emit = (text: string): string => {
      const n = Buffer.byteLength(text);
      // Room is kept for the closing lines.
      if (limit > 0 && (left > 0 || bytes + n > limit - 1024)) {
        left++;
        return '';
      }
      bytes += n;
      return text;
    };
    return {
      begin: () => emit(`## bootgate ${run.command}\n\n`),
      item(item) {
        const gate = gatePart(item);
        const text = [...rulesPart(item), '', ...gate].join('\n').replace(/\n*$/, '\n\n');
        return emit(text + (item.launch ? launchMarkdown(item.launch, item.notes) : ''));
      },
      error: (e) => emit(`### ⚠️ ERROR — ${cell(e.label)}\n\n${cell(e.message)}\n\n`),
      end(s) {
        const shown = left > 0 ? `*${left} more input(s) not listed: the report stopped at ${limit} bytes (a GitHub step summary takes 1 MiB); the JSON, JUnit or HTML report has them all.*\n\n` : '';
        const filtered = ctx.failuresOnly ? ' (passing inputs not listed)' : '';
        if (run.command === 'launch' && s.files + s.errors <= 1 && !shown) return '';
        return `${shown}**${countLine(run, s).replace(/^([^:]*):/, '$1:**')}${filtered}\n`;
      },
    };
  },
  diff: (d) => formatDiffMarkdown(d),
};
