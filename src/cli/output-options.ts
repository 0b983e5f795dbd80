import { Option, type Command } from 'commander';
import { ConfigError } from '../errors.js';

/** Every report format a command can print. Each command offers the subset it can render. */
export const FORMAT_IDS = ['human', 'json', 'junit', 'markdown', 'html'] as const;
export type FormatId = (typeof FORMAT_IDS)[number];

/** Other spellings accepted wherever a format is named (`diff` and `baseline list` used to say `text`). */
const ALIASES: Readonly<Record<string, FormatId>> = { text: 'human', md: 'markdown' };

/** `human`, `text`, `JSON` … → the format id, or undefined when this command does not offer it. */
export function formatOf(raw: string, offered: readonly FormatId[]): FormatId | undefined {
  const v = raw.trim().toLowerCase();
  const id = (FORMAT_IDS as readonly string[]).includes(v) ? (v as FormatId) : ALIASES[v];
  return id !== undefined && offered.includes(id) ? id : undefined;
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
export function addOutputOptions(cmd: Command, offered: readonly FormatId[], options: { report?: boolean; help?: string } = {}): Command {
  const format = new Option('-f, --format <format>', options.help ?? `output format: ${offered.join(' | ')}`)
    .default(offered[0])
    .argParser((v: string) => {
      const id = formatOf(v, offered);
      // A ConfigError, not commander's InvalidArgumentError, so the line is not wrapped in the option's synopsis.
      if (id === undefined) throw new ConfigError(`--format: unknown format "${v}" (formats: ${offeredText(offered)})`);
      return id;
    });
  cmd.addOption(format);
  if (offered.includes('json')) {
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
    cmd.option('--report <format=file>', `also write the report as FORMAT to FILE (repeatable; ${offered.join(', ')})`, collect, []);
  }
  return cmd;
}

/**
 * `--report json=out.json` → targets, checked before any work: a known format, a file name, no
 * file named twice, and stdout (`-o`'s default) taken by one report only.
 */
export function reportTargets(flags: OutputFlags, offered: readonly FormatId[]): ReportTarget[] {
  const targets: ReportTarget[] = [{ format: flags.format, path: flags.output ?? '-' }];
  for (const spec of flags.report ?? []) {
    const i = spec.indexOf('=');
    if (i <= 0 || i === spec.length - 1) throw new ConfigError(`--report: expected FORMAT=FILE (e.g. junit=report.xml), got "${spec}"`);
    const format = formatOf(spec.slice(0, i), offered);
    if (format === undefined) throw new ConfigError(`--report: unknown format "${spec.slice(0, i)}" (formats: ${offeredText(offered)})`);
    targets.push({ format, path: spec.slice(i + 1) });
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
