import { ConfigError, InputError } from '../errors.js';
import type { BaselineFile } from '../baseline/types.js';
import type { AllowEntry } from '../diff/allow.js';
import type { KnownIssue } from '../known-issues/types.js';
import type { Redactor } from '../redact/redactor.js';

/** The regression-gate settings `check` and `launch` take as flags (file names, not yet read). */
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
  /** `--baseline latest`: every baseline of the directory; each judged boot is compared with the newest of its arch and release. */
  readonly baselineLatest?: { readonly dir: string; readonly all: readonly BaselineFile[] };
  readonly allow: readonly AllowEntry[];
  /** The built-in allow list per release step, minus what the allow file turns off (absent: all of it). */
  readonly builtinAllow?: readonly AllowEntry[];
  readonly knownIssues: readonly KnownIssue[] | null;
  readonly knownIssuesPass: boolean;
  /** One per run, so the same MAC is the same token in every file, report and console line. */
  readonly redactor: Redactor | null;
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
  let builtinAllow: readonly AllowEntry[] | undefined;
  let baselineLatest: GateConfig['baselineLatest'];
  if (flags.baseline !== undefined) {
    const [{ loadBaseline, loadAllBaselines, LATEST }, { parseAllowFile, builtinAllowFor }, { BUILTIN_ALLOW }] = await Promise.all([
      import('../baseline/store.js'), import('../diff/allow.js'), import('../diff/builtin-allow.js'),
    ]);
    if (flags.baseline === LATEST) {
      const all = await loadAllBaselines(flags.baselineDir);
      if (all.length === 0) throw new InputError(`--baseline latest: no baselines in ${flags.baselineDir}`);
      baselineLatest = { dir: flags.baselineDir, all };
    } else baseline = await loadBaseline(flags.baseline, flags.baselineDir);
    if (flags.allow !== undefined) {
      const json = await readJsonFile(flags.allow, 'allow file');
      allow = parseAllowFile(json, flags.allow);
      builtinAllow = builtinAllowFor(json, flags.allow, BUILTIN_ALLOW);
    }
  }
  let knownIssues: KnownIssue[] | null = null;
  if (flags.knownIssues !== undefined) {
    const { parseKnownIssues } = await import('../known-issues/parse-registry.js');
    knownIssues = parseKnownIssues(await readJsonFile(flags.knownIssues, 'known-issues file'), flags.knownIssues);
  }
  const redactor = flags.redact ? (await import('../redact/redactor.js')).createRedactor() : null;
  return { baseline, ...(baselineLatest ? { baselineLatest } : {}), allow, ...(builtinAllow ? { builtinAllow } : {}), knownIssues, knownIssuesPass: flags.knownIssuesPass === true, redactor };
}

/** True when any gate flag changes what `check` computes or prints. */
export function gateActive(config: GateConfig): boolean {
  return config.baseline !== null || config.baselineLatest !== undefined || config.knownIssues !== null || config.redactor !== null;
}

/** EC2's image architecture as OpenBSD names it in the kernel's compile path (`x86_64` is `amd64`). */
const OPENBSD_ARCH: Readonly<Record<string, string>> = { x86_64: 'amd64', arm64: 'arm64', i386: 'i386' };

/**
 * `--baseline latest` before a launch: when the image's architecture and OpenBSD release are
 * known (DescribeImages, the AMI name or description) and no saved baseline has them, the
 * message that refuses the image, so nothing is launched only for the gate to find no
 * baseline afterwards. Null when there is a baseline, or when the image does not say.
 */
export async function latestBaselineRefusal(config: GateConfig): Promise<((image: { readonly architecture: string | null }, release: string | null) => string | null) | null> {
  const latest = config.baselineLatest;
  if (!latest) return null;
  const { pickLatestBaseline } = await import('../baseline/store.js');
  return (image, release) => {
    const arch = image.architecture === null ? undefined : OPENBSD_ARCH[image.architecture];
    if (arch === undefined || release === null) return null;
    try {
      pickLatestBaseline(latest.all, { arch, version: release, suffix: null, name: null, build: null, date: null, instanceType: null }, latest.dir);
      return null;
    } catch (err) {
      return `${(err as Error).message} (the image's name or description says OpenBSD ${release}, ${arch}): nothing launched`;
    }
  };
}
