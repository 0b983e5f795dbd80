import type { FormatContext, ReportFormatter, ReportSource } from './types.js';
import { formatDiffMarkdown } from '../diff/format-markdown.js';
import { formatDiffText, orderChanges, resultLine, tag, where } from '../diff/format-text.js';
import { formatKnownIssues } from '../known-issues/match.js';
import { xmlEscape } from './junit.js';
import { mdText, oneLine } from './text-util.js';
import { htmlArticle } from './html/formatter.js';
import type { GatedCheck } from '../gate/apply-gate.js';

/**
 * One file's report with the gate's sections (baseline diff, known issues) in the format's own
 * idiom. Without a baseline or registry it is exactly the formatter's output, so plain `check`
 * (and `--redact` alone) keeps its contract.
 */
export function renderGated(formatter: ReportFormatter, g: GatedCheck, ctx: FormatContext, source?: ReportSource): string {
  const base = () => formatter.file(g.report, ctx, source);
  if (g.baseline === null && g.known === null) return base();
  switch (formatter.id) {
    case 'json':
      return `${JSON.stringify(jsonGated(g))}\n`;
    case 'human':
      return base() + humanSection(g);
    case 'markdown':
      return base() + markdownSection(g);
    case 'junit':
      return base() + junitSuite(g);
    case 'html':
      return htmlArticle(g.report, { diff: g.baseline?.diff ?? null, known: g.known?.outcome ?? null });
    default:
      return base();
  }
}

/** Additive to the schemaVersion 1 contract: `verdict` is the gate's, the rules' own is `rulesVerdict`. */
export function jsonGated(g: GatedCheck): object {
  return {
    ...g.report,
    rulesVerdict: g.rulesVerdict,
    ...(g.baseline ? { baseline: { name: g.baseline.name, regression: g.baseline.diff.regression, summary: g.baseline.summary, diff: g.baseline.diff } } : {}),
    ...(g.known ? { knownIssues: { ...g.known.outcome, forgiven: g.known.forgiven } } : {}),
  };
}

function gateNote(g: GatedCheck): string | null {
  if (g.report.verdict === g.rulesVerdict) return null;
  if (g.known?.forgiven && g.report.verdict === 'pass') return `verdict pass: the rules say ${g.rulesVerdict}, every cause is a known issue (--known-issues-pass)`;
  return `verdict ${g.report.verdict}: the rules say ${g.rulesVerdict}, the baseline diff has a regression`;
}

function humanSection(g: GatedCheck): string {
  const out: string[] = [];
  if (g.baseline) {
    // The summary lists every regression; the lines below say the same with evidence, so the header is the count.
    out.push(`  baseline ${g.baseline.name}: ${resultLine(g.baseline.diff).replace(/^result: /, '')}`);
    for (const c of orderChanges(g.baseline.diff.changes)) {
      out.push(`    ${tag(c).padEnd(10)} ${c.kind.padEnd(20)} ${oneLine(c.message)}${where(c)}`);
      if (c.allowed) out.push(`    ${''.padEnd(32)}allowed: ${oneLine(c.allowed.reason)}`);
    }
    for (const n of g.baseline.diff.notes) out.push(`    note: ${oneLine(n)}`);
  }
  if (g.known) for (const line of formatKnownIssues(g.known.outcome)) out.push(`  ${oneLine(line, 400)}`);
  const note = gateNote(g);
  if (note) out.push(`  ${note}`);
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}

function markdownSection(g: GatedCheck): string {
  const out: string[] = [];
  if (g.known && g.known.outcome.matches.length > 0) {
    out.push('**Known issues:**', '');
    for (const m of g.known.outcome.matches) {
      // An autolink only for a plain URL: a redacted one holds `<ip:…>` tokens.
      const link = /^https?:\/\/[^\s<>]+$/.test(m.link) ? `<${m.link}>` : mdText(m.link);
      out.push(`- known: ${link} — ${mdText(m.title)}${m.note ? ` — ${mdText(m.note)}` : ''}`);
    }
    out.push('');
  }
  if (g.baseline) {
    // The diff formatter's own page heading becomes a heading under this file's `###`.
    out.push(formatDiffMarkdown(g.baseline.diff).replace(/^## bootgate diff\n/, `#### Baseline ${mdText(g.baseline.name)}\n`));
  }
  const note = gateNote(g);
  if (note) out.push(`*${mdText(note)}*`, '');
  return `${out.join('\n')}\n`;
}

/** A testsuite of its own next to the file's, so the rules' suite keeps its counts. */
function junitSuite(g: GatedCheck): string {
  const suite = g.report.file ?? 'stdin';
  const cls = `bootgate.${xmlEscape(suite)}`;
  const cases: string[] = [];
  let failures = 0;
  if (g.baseline) {
    const open = `    <testcase classname="${cls}" name="baseline-diff" file="${xmlEscape(suite)}">`;
    const text = xmlEscape(formatDiffText(g.baseline.diff));
    if (g.baseline.diff.regression) {
      failures++;
      cases.push(`${open}<failure type="regression" message="${xmlEscape(g.baseline.summary)}">${text}</failure></testcase>`);
    } else {
      cases.push(`${open}<system-out>${text}</system-out></testcase>`);
    }
  }
  if (g.known) {
    const lines = formatKnownIssues(g.known.outcome);
    cases.push(`    <testcase classname="${cls}" name="known-issues" file="${xmlEscape(suite)}">${lines.length > 0 ? `<system-out>${xmlEscape(lines.join('\n'))}</system-out>` : ''}</testcase>`);
  }
  return [
    `  <testsuite name="${xmlEscape(`${suite} (gate)`)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0">`,
    `    <properties><property name="verdict" value="${g.report.verdict}"/><property name="rules-verdict" value="${g.rulesVerdict}"/></properties>`,
    ...cases,
    '  </testsuite>',
  ].join('\n') + '\n';
}
