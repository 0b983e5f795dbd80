import type { CheckReport, RuleStatus, Verdict } from '../verdict/types.js';
import { lineList, oneLine } from './text-util.js';
import type { FormatContext, ReportFormatter } from './types.js';

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

export const humanFormatter: ReportFormatter = {
  id: 'human',
  description: 'for a terminal: verdict, rules with evidence lines, diagnoses with remedies',
  begin: () => '',
  file(r: CheckReport, ctx) {
    const out: string[] = [];
    const name = r.file ?? '(stdin)';
    const platform = `${r.platform.id}${r.platform.source === 'detected' ? '' : ` (${r.platform.source})`}`;
    out.push(`${paint(ctx, 'bold', name)}: ${paint(ctx, STATUS_STYLE[r.verdict], VERDICT_LABEL[r.verdict])}  platform ${platform}${r.platform.evidence[0] ? ` (line ${r.platform.evidence[0].line})` : ''}`);
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
    return `${out.join('\n')}\n`;
  },
  error: () => '',
  end(s, ctx) {
    if (s.files + s.errors <= 1) return '';
    const v = s.verdicts;
    return `\n${s.files + s.errors} file(s): ${paint(ctx, 'green', `${v.pass} pass`)}, ${paint(ctx, 'red', `${v.fail} fail`)}, ${paint(ctx, 'yellow', `${v.inconclusive} inconclusive`)}${s.errors ? `, ${s.errors} unreadable` : ''}\n`;
  },
};
