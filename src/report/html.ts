import { createHash } from 'node:crypto';
import type { BootModel } from '../model/boot-model.js';
import type { Evidence } from '../model/source.js';
import { judgedBoot } from '../model/queries.js';
import type { CheckReport } from '../verdict/types.js';
import type { LaunchReport } from '../verdict/launch-report.js';
import type { BootDiff } from '../diff/types.js';
import type { KnownIssueOutcome } from '../known-issues/types.js';
import { orderChanges, resultLine, side, tag } from '../diff/format-text.js';
import { renderDeviceTree } from './html/device-tree.js';
import { esc } from './html/escape.js';
import { STYLE } from './html/style.js';
import { VERSION } from '../version.js';
import type { ConsoleRun } from './types.js';

export interface HtmlReportInput {
  readonly report: CheckReport;
  readonly model: BootModel | null;
  /** The console as shown to the user: normalised lines (`{line, text}`) or plain strings (line = index + 1). */
  readonly consoleLines: readonly ({ readonly line: number; readonly text: string } | string)[];
  readonly diff?: BootDiff | null;
  readonly launch?: LaunchReport | null;
  readonly known?: KnownIssueOutcome | null;
  /** Why the verdict is not the rules' (a baseline regression, known issues forgiven); shown under the verdict. */
  readonly note?: string | null;
  readonly title?: string;
  /** Prefix for every element id (`f2-L57`), so several reports can share one page. */
  readonly idPrefix?: string;
}

/**
 * One self-contained HTML file: no script, no fetch, no external font; a CSP that allows only
 * the inline stylesheet (by hash), so even a log line that escaped escaping could not run.
 */
export function renderHtmlReport(input: HtmlReportInput): string {
  const title = input.title ?? `bootgate: ${input.report.verdict}${input.report.file ? ` — ${input.report.file}` : ''}`;
  return page(title, renderReportBody({ ...input, title }));
}

/** The report without the page around it (the streaming `--format html` puts one per file in a page). */
export function renderReportBody(input: HtmlReportInput): string {
  const p = input.idPrefix ?? '';
  const evidence = evidenceLinesOf(input);
  return [...sectionsBeforeConsole(input), section('Console', `${CONSOLE_OPEN(p)}${consoleRows(input.consoleLines, evidence, p)}</div>`, p)].join('\n');
}

/** One run of console lines, as `HtmlReportInput.consoleLines` holds them. */
export type ConsoleLines = HtmlReportInput['consoleLines'];

/**
 * renderHtmlReport's page in pieces, for a console too large to hold twice: the console comes
 * as runs of lines (consoleLinePieces makes each only when asked), each run becomes its own
 * piece of rows, and a piece is made only when the caller asks for it, so neither every line's
 * object nor the whole page as one string has to exist at once. The pieces joined are
 * renderHtmlReport's page, byte for byte.
 */
export function* renderHtmlReportPieces(input: Omit<HtmlReportInput, 'consoleLines'>, consolePieces: Iterable<ConsoleLines | ConsoleRun>): Generator<string> {
  const title = input.title ?? `bootgate: ${input.report.verdict}${input.report.file ? ` — ${input.report.file}` : ''}`;
  const p = input.idPrefix ?? '';
  const full = { ...input, title, consoleLines: [] };
  const evidence = evidenceLinesOf(full);
  yield `${pageHead(title)}${[...sectionsBeforeConsole(full), ''].join('\n')}<section id="${p}console"><h2>Console</h2>${CONSOLE_OPEN(p)}`;
  let offset = 0;
  for (const lines of consolePieces) {
    // A few hundred rows per piece: each string dies young, where one string per 4 MB run went
    // to the large-object space and stayed until a full collection (most of a 100 MB page's peak).
    for (let i = 0; i < lines.length; i += ROWS_PER_PIECE) yield consoleRows(lines, evidence, p, offset, i, Math.min(lines.length, i + ROWS_PER_PIECE));
    offset += lines.length;
  }
  yield `</div></section>\n${PAGE_TAIL}`;
}

/** Console rows per streamed piece: about 50 KB of HTML. */
const ROWS_PER_PIECE = 512;

const CONSOLE_OPEN = (p: string) => `<div class="console" id="${p}console-lines">`;

/** Lines the findings, diagnoses, known issues and diff point at: marked in the console. */
function evidenceLinesOf(input: HtmlReportInput): Set<number> {
  const evidenceLines = new Set<number>();
  const mark = (ev: readonly Evidence[]) => ev.forEach((e) => { if (validLine(e.line)) evidenceLines.add(e.line); });
  input.report.findings.filter((f) => f.status !== 'pass' && f.status !== 'skip').forEach((f) => mark(f.evidence));
  input.report.diagnoses.forEach((d) => mark(d.evidence));
  input.known?.matches.forEach((m) => mark(m.evidence));
  input.diff?.changes.forEach((c) => { if (c.new) mark([c.new]); });
  return evidenceLines;
}

/**
 * Rows `from` to `to` (default: all) of `lines`; `offset`: how many lines came before `lines`
 * (a plain string's line number is offset + its index + 1).
 */
function consoleRows(lines: ConsoleLines | ConsoleRun, evidenceLines: ReadonlySet<number>, p: string, offset = 0, from = 0, to = lines.length): string {
  const out: string[] = [];
  const row = (line: number, text: string) => {
    const n = validLine(line) ? line : 0;
    out.push(`<div class="l${evidenceLines.has(n) ? ' evidence' : ''}" id="${p}L${n}"><a class="ln" href="#${p}L${n}">${n}</a>${esc(text)}</div>`);
  };
  if (!Array.isArray(lines)) {
    const run = lines as ConsoleRun;
    for (let i = from; i < to; i++) row(run.numbers[i]!, run.text(i));
  } else {
    for (let i = from; i < to; i++) {
      const l = (lines as ConsoleLines)[i]!;
      if (typeof l === 'string') row(offset + i + 1, l);
      else row(l.line, l.text);
    }
  }
  return out.join('');
}

function sectionsBeforeConsole(input: HtmlReportInput): string[] {
  const { report } = input;
  const p = input.idPrefix ?? '';
  const evLinks = (ev: readonly Evidence[]) => evidenceLinks(ev, p);
  const boot = input.model ? judgedBoot(input.model) : null;
  const title = input.title ?? `bootgate: ${report.verdict}${report.file ? ` — ${report.file}` : ''}`;
  return [
    `<header><h1>${esc(title)}</h1>`,
    `<div class="verdict ${cls(report.verdict)}" id="${p}verdict">${esc(report.verdict.toUpperCase())}</div>`,
    input.note ? `<p class="gate-note" id="${p}gate-note">${esc(input.note)}</p>` : '',
    `<p class="meta">platform <b>${esc(report.platform.id)}</b> (${esc(report.platform.source)})${kernelMeta(input.model)}${report.file ? ` · file <code>${esc(report.file)}</code>` : ''} · bootgate ${esc(VERSION)}</p></header>`,
    input.known && input.known.matches.length > 0 ? section('Known issues', input.known.matches.map((m) =>
      `<div class="known">known: <a href="${esc(safeLink(m.link))}" rel="noreferrer">${esc(m.link)}</a> — <code>${esc(m.title)}</code>${m.note ? `<div>${esc(m.note)}</div>` : ''}<div>${evLinks(m.evidence)}</div></div>`).join(''), p) : '',
    report.diagnoses.length > 0 ? section('Diagnoses', report.diagnoses.map((d) =>
      `<div class="diagnosis" id="${p}diag-${esc(d.id)}"><b>${esc(d.summary)}</b> <code>${esc(d.id)}</code><div class="remedy">${esc(d.remedy)}</div><div>${evLinks(d.evidence)}</div></div>`).join(''), p) : '',
    section('Rules', `<table><thead><tr><th>rule</th><th>status</th><th>message</th><th>evidence</th></tr></thead><tbody>${report.findings.map((f) =>
      `<tr><td><code>${esc(f.rule)}</code></td><td class="status ${cls(f.status)}">${esc(f.status)}</td><td>${esc(f.message)}</td><td>${evLinks(f.evidence)}</td></tr>`).join('')}</tbody></table>`, p),
    input.diff ? section('Changes against the old boot', `<p class="meta">old: ${esc(side(input.diff.old))}<br>new: ${esc(side(input.diff.new))}<br><b>${esc(resultLine(input.diff))}</b></p>${diffTable(input.diff, p)}`, p) : '',
    input.launch ? section('Timeline', timeline(input.launch), p) : '',
    boot ? section('Device tree', renderDeviceTree(boot, input.diff, p), p) : '',
  ];
}

/** The diff alone (`bootgate diff --format html`). */
export function renderDiffHtml(diff: BootDiff): string {
  const verdict = diff.regression ? 'fail' : 'pass';
  const title = `bootgate diff: ${diff.regression ? 'REGRESSION' : 'no regression'}`;
  const body = [
    `<header><h1>${esc(title)}</h1>`,
    `<div class="verdict ${verdict}" id="verdict">${diff.regression ? 'REGRESSION' : 'OK'}</div>`,
    `<p class="meta">old: ${esc(side(diff.old))}<br>new: ${esc(side(diff.new))}</p></header>`,
    section('Changes', diffTable(diff, null)),
    diff.notes.length > 0 ? section('Notes', `<ul>${diff.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`) : '',
    `<p><b>${esc(resultLine(diff))}</b></p>`,
  ].join('\n');
  return page(title, body);
}

function page(title: string, body: string): string {
  return `${pageHead(title)}${body}\n${PAGE_TAIL}`;
}

export const PAGE_TAIL = '</body></html>\n';

/** Everything up to and including `<body>` (`<body class="…">` with `bodyClass`). */
export function pageHead(title: string, bodyClass?: string): string {
  const styleHash = createHash('sha256').update(STYLE).digest('base64');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-${styleHash}'; img-src data:; form-action 'none'; base-uri 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(title)}</title>
<style>${STYLE}</style></head>
<body${bodyClass ? ` class="${esc(bodyClass)}"` : ''}>
`;
}

function section(title: string, html: string, prefix = ''): string {
  const id = prefix + title.toLowerCase().replace(/[^a-z]+/g, '-');
  return `<section id="${id}"><h2>${esc(title)}</h2>${html}</section>`;
}

/** `linkPrefix` null: the new side's console is not on the page, so its lines are not linked. */
function diffTable(diff: BootDiff, linkPrefix: string | null): string {
  const changes = orderChanges(diff.changes);
  if (changes.length === 0) return '<p>No changes.</p>';
  return `<table><thead><tr><th></th><th>change</th><th>what</th><th>old</th><th>new</th></tr></thead><tbody>${changes.map((c) => {
    const t = tag(c);
    const rowCls = t === 'REGRESSION' ? 'regression' : t === 'allowed' ? 'allowed' : 'changed';
    const oldCell = c.old ? `L${validLine(c.old.line) ? c.old.line : '?'} <code>${esc(c.old.text)}</code>` : '';
    const newCell = c.new ? `${linkPrefix !== null ? evidenceLinks([c.new], linkPrefix) : `L${validLine(c.new.line) ? c.new.line : '?'}`} <code>${esc(c.new.text)}</code>` : '';
    return `<tr class="change ${rowCls}"><td>${esc(t)}</td><td><code>${esc(c.kind)}</code></td><td>${esc(c.message)}${c.allowed ? `<div>allowed: ${esc(c.allowed.reason)}</div>` : ''}</td><td>${oldCell}</td><td>${newCell}</td></tr>`;
  }).join('')}</tbody></table>`;
}

function timeline(launch: LaunchReport): string {
  const i = launch.instance;
  return `<p class="meta">instance <code>${esc(i.id ?? '(none)')}</code> · ${esc(i.type)} · ${esc(i.amiId)} · ${esc(i.region)} · last state ${esc(i.state)} · ${esc(String(launch.cost.instanceSeconds))} instance-seconds${launch.cause ? ` · cause <b>${esc(launch.cause)}</b>` : ''}</p>
${launch.reason ? `<p class="meta">reason: ${esc(launch.reason)}</p>\n` : ''}${(launch.warnings ?? []).map((w) => `<p class="meta">warning: ${esc(w)}</p>\n`).join('')}<table><thead><tr><th>+s</th><th>at</th><th>event</th><th>detail</th></tr></thead><tbody>${launch.timeline.map((t) =>
    `<tr><td>${esc((Number(t.elapsedMs) / 1000).toFixed(1))}</td><td>${esc(String(t.at))}</td><td><code>${esc(String(t.event))}</code></td><td>${esc(String(t.detail ?? ''))}</td></tr>`).join('')}</tbody></table>`;
}

function kernelMeta(model: BootModel | null): string {
  const k = model ? judgedBoot(model)?.kernel : null;
  if (!k?.version) return '';
  return ` · OpenBSD <b>${esc(`${k.version}${k.suffix ?? ''}`)}</b>${k.name ? ` (${esc(k.name)})` : ''}${k.arch ? ` ${esc(k.arch)}` : ''}`;
}

function evidenceLinks(ev: readonly Evidence[], prefix: string): string {
  return ev.filter((e) => validLine(e.line)).map((e) => `<a class="ev" href="#${prefix}L${e.line}" title="${esc(e.text)}">L${e.line}</a>`).join('');
}

function validLine(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n > 0;
}

/** Only http(s) links are linked; anything else (javascript:, data:) becomes an inert fragment. */
function safeLink(url: string): string {
  return /^https?:\/\//i.test(url) ? url : '#';
}

function cls(s: string): string {
  return /^[a-z-]+$/.test(s) ? s : 'unknown';
}
