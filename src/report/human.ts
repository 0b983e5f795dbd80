import type { RuleStatus, Verdict } from '../verdict/types.js';
import { formatKnownIssues } from '../known-issues/match.js';
import { formatDiffText, orderChanges, resultLine, tag, where } from '../diff/format-text.js';
import { countLine, gateNote } from './gate-note.js';
import { launchHuman } from './launch-section.js';
import { lineList, oneLine } from './text-util.js';
import type { FormatContext, ReportFormatter, ReportItem } from './types.js';

const SGR = { red: '31', green: '32', yellow: '33', dim: '2', bold: '1' } as const;
type Style = keyof typeof SGR;

function paint(ctx: FormatContext, style: Style, text: string): string {
  return ctx.color ? `\u001b[${SGR[style]}m${text}\u001b[0m` : text;
}

const STATUS_STYLE: Record<RuleStatus, Style> = { pass: 'green', fail: 'red', inconclusive: 'yellow', skip: 'dim' };
const STATUS_LABEL: Record<RuleStatus, string> = { pass: 'pass', fail: 'FAIL', inconclusive: 'inconclusive', skip: 'skip' };
const LABEL_WIDTH = 'inconclusive'.length;
const VERDICT_LABEL: Record<Verdict, string> = { pass: 'PASS', fail: 'FAIL', inconclusive: 'INCONCLUSIVE' };
/** Evidence lines shown per finding; the rest are counted. */
const SHOWN = 3;

/** The rules' part: verdict line, findings with evidence, diagnoses with remedies. */
function rulesPart(item: ReportItem, ctx: FormatContext): string[] {
  const r = item.report;
  const out: string[] = [];
  const platform = `${r.platform.id}${r.platform.source === 'detected' ? '' : ` (${r.platform.source})`}`;
  out.push(`${paint(ctx, 'bold', item.label)}: ${paint(ctx, STATUS_STYLE[r.verdict], VERDICT_LABEL[r.verdict])}  platform ${platform}${r.platform.evidence[0] ? ` (line ${r.platform.evidence[0].line})` : ''}`);
  const width = Math.max(...r.findings.map((f) => f.rule.length));
  for (const f of r.findings) {
    const label = STATUS_LABEL[f.status];
    out.push(`  ${paint(ctx, STATUS_STYLE[f.status], label)}${' '.repeat(LABEL_WIDTH - label.length)}  ${f.rule.padEnd(width)}  ${f.message}`);
    if (f.status === 'skip') continue;
    for (const e of f.evidence.slice(0, SHOWN)) out.push(paint(ctx, 'dim', `        ${String(e.line).padStart(6)}: ${oneLine(e.text)}`));
    if (f.evidence.length > SHOWN) out.push(paint(ctx, 'dim', `        … ${f.evidence.length - SHOWN} more (lines ${lineList(f.evidence.slice(SHOWN))})`));
  }
  if (r.diagnoses.length > 0) {
    out.push(`  ${paint(ctx, 'bold', 'diagnosis')} (most likely first):`);
    r.diagnoses.forEach((d, i) => {
      out.push(`  ${i + 1}. ${paint(ctx, 'bold', d.id)}: ${d.summary}`);
      out.push(`     remedy: ${d.remedy}`);
      if (d.evidence.length > 0) out.push(paint(ctx, 'dim', `     evidence: line ${lineList(d.evidence)}`));
    });
  }
  return out;
}

/** The gate's part: the baseline diff (a count, then each change with evidence), known issues, why the verdict moved. */
function gatePart(item: ReportItem): string[] {
  const out: string[] = [];
  if (item.baseline) {
    out.push(`  baseline ${item.baseline.name}: ${resultLine(item.baseline.diff).replace(/^result: /, '')}`);
    for (const c of orderChanges(item.baseline.diff.changes)) {
      out.push(`    ${tag(c).padEnd(10)} ${c.kind.padEnd(20)} ${oneLine(c.message)}${where(c)}`);
      if (c.allowed) out.push(`    ${''.padEnd(32)}allowed: ${oneLine(c.allowed.reason)}`);
    }
    for (const n of item.baseline.diff.notes) out.push(`    note: ${oneLine(n)}`);
  }
  if (item.known) for (const line of formatKnownIssues(item.known.outcome)) out.push(`  ${oneLine(line, 400)}`);
  const note = gateNote(item);
  if (note) out.push(`  ${note}`);
  return out;
}

export const humanFormatter: ReportFormatter = {
  id: 'human',
  description: 'for a terminal: verdict, rules with evidence lines, diagnoses with remedies',
  open(run, ctx) {
    // A launch matrix separates its instances by a blank line; check's files follow each other.
    let first = true;
    const sep = () => {
      const s = run.command === 'launch' && !first ? '\n' : '';
      first = false;
      return s;
    };
    return {
      begin: () => '',
      item(item) {
        const lines = [...rulesPart(item, ctx), ...gatePart(item)];
        return `${sep()}${lines.join('\n')}\n${item.launch ? launchHuman(item.launch, item.notes) : ''}`;
      },
      error(e) {
        // A file that could not be read is on stderr already; a launch cell that errored is named in the report too.
        return e.launch ? `${sep()}${paint(ctx, 'bold', e.label)}: ${paint(ctx, 'red', 'ERROR')}  ${oneLine(e.message, 400)}\n` : '';
      },
      end(s) {
        if (s.files + s.errors <= 1) return '';
        const line = countLine(run, s)
          .replace(/(\d+) pass/, (m) => paint(ctx, 'green', m))
          .replace(/(\d+) fail/, (m) => paint(ctx, 'red', m))
          .replace(/(\d+) inconclusive/, (m) => paint(ctx, 'yellow', m));
        return `\n${line}\n`;
      },
    };
  },
  diff: (d) => formatDiffText(d),
};
