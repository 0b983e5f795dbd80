import type { CheckReport, RuleStatus, Verdict } from '../verdict/types.js';
import { lineList, oneLine } from './text-util.js';
import type { ReportFormatter } from './types.js';

const ICON: Record<RuleStatus | Verdict, string> = { pass: '✅', fail: '❌', inconclusive: '❔', skip: '➖' };

/** Table cells: no pipes, no line breaks, no stray markup from console text. */
function cell(text: string): string {
  return oneLine(text.replace(/\\/g, '\\\\'), 300).replace(/\|/g, '\\|').replace(/([`*_<>[\]])/g, '\\$1');
}

/** For a CI step summary ($GITHUB_STEP_SUMMARY, GitLab/Jenkins markdown views). */
export const markdownFormatter: ReportFormatter = {
  id: 'markdown',
  description: 'GitHub-flavoured markdown for a CI step summary',
  begin: () => '## bootgate check\n\n',
  file(r: CheckReport) {
    const out: string[] = [];
    out.push(`### ${ICON[r.verdict]} ${r.verdict.toUpperCase()} — ${cell(r.file ?? '(stdin)')}`, '');
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
    return `${out.join('\n')}\n\n`;
  },
  error: (file, message) => `### ⚠️ ERROR — ${cell(file)}\n\n${cell(message)}\n\n`,
  end(s) {
    const v = s.verdicts;
    return `**${s.files + s.errors} file(s):** ${v.pass} pass, ${v.fail} fail, ${v.inconclusive} inconclusive${s.errors ? `, ${s.errors} unreadable` : ''}\n`;
  },
};
