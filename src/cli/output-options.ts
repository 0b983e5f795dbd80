import { Option, type Command } from './commander.js';
import { ConfigError } from '../errors.js';

/**
 * A format's name. The report commands (check, launch, diff, report) offer every format of the
 * report registry (src/report/index.ts), checked when the command runs, so a new format needs no
 * change here; the other commands offer a fixed few (human, json) of their own.
 */
export type FormatId = string;

/** Other spellings accepted wherever a format is named (`diff` and `baseline list` used to say `text`). */
const ALIASES: Readonly<Record<string, FormatId>> = { text: 'human', md: 'markdown' };

/** `human`, `text`, `JSON` … → the canonical name. */
export function canonicalFormat(raw: string): FormatId {
  const v = raw.trim().toLowerCase();
  return ALIASES[v] ?? v;
}

/** The canonical name when `offered` has it, else a one-line error naming what is offered. */
export function checkFormat(raw: string, offered: readonly FormatId[], flag = '--format'): FormatId {
  const id = canonicalFormat(raw);
  if (!offered.includes(id)) throw new ConfigError(`${flag}: unknown format "${raw.trim()}" (formats: ${offeredText(offered)})`);
  return id;
}

function offeredText(offered: readonly FormatId[]): string {
  return `${offered.join(', ')}${offered.includes('human') ? '; text means human' : ''}`;
}

/** The output flags as commander leaves them. */
export interface OutputFlags {
  format: FormatId;
  output?: string;
  color?: boolean;
  report?: string[];
}

export interface ReportTarget {
  readonly format: FormatId;
  /** `-` for stdout. */
  readonly path: string;
}

const collect = (v: string, prev: string[]) => [...prev, v];

/**
 * The same output flags on every command that renders: `-f/--format` (with `--json` as a
 * shorthand where JSON is offered), `-o/--output` (`-` is stdout), `--color/--no-color`, and on
 * the report commands a repeatable `--report FORMAT=FILE` for more formats from the same run.
 */
export function addOutputOptions(cmd: Command, offered: readonly FormatId[] | 'registry', options: { report?: boolean; help?: string } = {}): Command {
  const format = new Option('-f, --format <format>', options.help ?? `output format: ${offered === 'registry' ? 'human | json | junit | markdown | html' : offered.join(' | ')}`)
    .default('human')
    // A ConfigError, not commander's InvalidArgumentError, so the line is not wrapped in the option's synopsis.
    // The registry's formats are checked when the command runs, once the registry is loaded.
    .argParser((v: string) => (offered === 'registry' ? canonicalFormat(v) : checkFormat(v, offered)));
  cmd.addOption(format);
  if (offered === 'registry' || offered.includes('json')) {
    cmd.option('--json', 'same as --format json');
    cmd.hook('preAction', (self) => {
      const o = self.opts<{ json?: boolean; format: FormatId }>();
      if (!o.json) return;
      if (self.getOptionValueSource('format') === 'cli' && o.format !== 'json') self.error(`--json and --format ${o.format} disagree`);
      self.setOptionValue('format', 'json');
    });
  }
  cmd
    .option('-o, --output <file>', 'write to FILE instead of stdout (- is stdout)')
    .option('--color', 'colour the human output even when it is not a terminal (FORCE_COLOR does the same)')
    .option('--no-color', 'no colour, even on a terminal (NO_COLOR does the same)');
  if (options.report) {
    cmd
      .option('--report <format=file>', 'also write the report as FORMAT to FILE (repeatable; any --format)', collect, [])
      .option('--failures-only', 'human, markdown and html list only the inputs that did not pass (the summary counts all; json and junit keep every input)')
      .option('--markdown-max-bytes <n>', 'markdown stops listing inputs past n bytes and says how many it left out (a GitHub step summary takes 1 MiB; 0: no limit)', '1000000');
  }
  return cmd;
}

/**
 * `--report json=out.json` → targets, checked before any work: a known format, a file name, no
 * file named twice, and stdout (`-o`'s default) taken by one report only.
 */
export function reportTargets(flags: OutputFlags, offered: readonly FormatId[]): ReportTarget[] {
  const targets: ReportTarget[] = [{ format: checkFormat(flags.format, offered), path: flags.output ?? '-' }];
  for (const spec of flags.report ?? []) {
    const i = spec.indexOf('=');
    if (i <= 0 || i === spec.length - 1) throw new ConfigError(`--report: expected FORMAT=FILE (e.g. junit=report.xml), got "${spec}"`);
    targets.push({ format: checkFormat(spec.slice(0, i), offered, '--report'), path: spec.slice(i + 1) });
  }
  const seen = new Set<string>();
  for (const t of targets) {
    if (seen.has(t.path)) {
      throw new ConfigError(t.path === '-' ? '--report …=-: stdout already carries the --format report (use -o FILE for that one)' : `--report: ${t.path} is named twice`);
    }
    seen.add(t.path);
  }
  return targets;
}
