import type { Command } from 'commander';
import { ConfigError } from '../errors.js';
import type { BaselineFile } from '../baseline/types.js';
import type { AllowEntry } from '../diff/allow.js';
import type { KnownIssue } from '../known-issues/types.js';
import type { Redactor } from '../redact/redactor.js';

/** The regression-gate flags shared by `check` and `launch`. */
export interface GateFlags {
  baseline?: string;
  baselineDir: string;
  allow?: string;
  knownIssues?: string;
  knownIssuesPass?: boolean;
  redact?: boolean;
}

/** The flags, loaded and validated once per run. */
export interface GateConfig {
  readonly baseline: BaselineFile | null;
  readonly allow: readonly AllowEntry[];
  readonly knownIssues: readonly KnownIssue[] | null;
  readonly knownIssuesPass: boolean;
  /** One per run, so the same MAC is the same token in every file, report and console line. */
  readonly redactor: Redactor | null;
}

export function addGateOptions(cmd: Command): Command {
  return cmd
    .option('--baseline <key|file>', 'diff the judged boot against a saved baseline (a key in --baseline-dir, or a .json file); a regression fails the gate')
    .option('--baseline-dir <dir>', 'where baseline keys are looked up', './baselines')
    .option('--allow <file>', 'JSON file of expected changes against the baseline (see docs/allow.example.json)')
    .option('--known-issues <file>', 'JSON registry of known failure signatures; matches are printed as "known: <link>"')
    .option('--known-issues-pass', 'a failure whose every cause is a known issue passes the gate (exit 0)')
    .option('--redact', 'replace MACs, IPs, host names, fingerprints, DUIDs, serials and AWS ids by salted tokens (stable within the run)');
}

/**
 * Reads the baseline, allow file and known-issues registry before any input is judged, so a
 * bad flag is one error line and exit 2, not a report half written.
 */
export async function loadGateConfig(flags: GateFlags): Promise<GateConfig> {
  if (flags.allow !== undefined && flags.baseline === undefined) throw new ConfigError('--allow needs --baseline: it lists expected changes against a baseline');
  if (flags.knownIssuesPass && flags.knownIssues === undefined) throw new ConfigError('--known-issues-pass needs --known-issues <file>');
  const { readJsonFile } = await import('../config/read-json-file.js');
  let baseline: BaselineFile | null = null;
  let allow: AllowEntry[] = [];
  if (flags.baseline !== undefined) {
    const [{ loadBaseline }, { parseAllowFile }] = await Promise.all([import('../baseline/store.js'), import('../diff/allow.js')]);
    baseline = await loadBaseline(flags.baseline, flags.baselineDir);
    if (flags.allow !== undefined) allow = parseAllowFile(await readJsonFile(flags.allow, 'allow file'), flags.allow);
  }
  let knownIssues: KnownIssue[] | null = null;
  if (flags.knownIssues !== undefined) {
    const { parseKnownIssues } = await import('../known-issues/parse-registry.js');
    knownIssues = parseKnownIssues(await readJsonFile(flags.knownIssues, 'known-issues file'), flags.knownIssues);
  }
  const redactor = flags.redact ? (await import('../redact/redactor.js')).createRedactor() : null;
  return { baseline, allow, knownIssues, knownIssuesPass: flags.knownIssuesPass === true, redactor };
}

/** True when any gate flag changes what `check` computes or prints. */
export function gateActive(config: GateConfig): boolean {
  return config.baseline !== null || config.knownIssues !== null || config.redactor !== null;
}
