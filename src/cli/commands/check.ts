import type { Command } from 'commander';
import { ConfigError } from '../../errors.js';
import { EXIT, VERDICT_EXIT, worseExit, type ExitCode } from '../../verdict/exit-codes.js';
import type { PlatformId } from '../../platform/types.js';
import { addGateOptions } from '../gate-options.js';
import type { NormalLine } from '../../input/types.js';
import type { GateFlags } from '../../gate/gate-config.js';
import { addOutputOptions } from '../output-options.js';
import type { ReportFlags } from '../report-targets.js';
import type { ReportItem } from '../../report/types.js';

/**
 * Console bytes per piece of a whole-console page after the first: each piece's text stays
 * under V8's large-object size (128 KB, two bytes a character when a line is not ASCII), so it
 * dies in the young generation instead of piling up in the old one while the model is held.
 */
const PAGE_PIECE_BYTES = 32 << 10;

interface CheckFlags extends GateFlags, ReportFlags {
  platform?: string;
  expect?: string;
  jobs?: string;
}

/** `--jobs`: a whole number of threads (0 and 1: the main thread alone), or `auto` for one per core. */
export function parseJobs(raw: string | undefined): number | 'auto' {
  if (raw === undefined) return 1;
  if (raw === 'auto') return raw;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(n) || n < 0) throw new ConfigError(`--jobs: "${raw}" is not a whole number of threads or auto`);
  return n;
}

export function registerCheck(program: Command): void {
  const cmd = program
    .command('check')
    .description('judge captured console logs: verdict, rule findings with evidence lines, diagnoses')
    .argument('<files...>', 'console logs (raw, aws --output text or json); - reads stdin');
  addOutputOptions(cmd, 'registry', { report: true, help: 'human | json | junit | markdown | html (text = human)' })
    .option('--platform <id>', 'platform profile instead of detecting it (xen-hvm, nitro-x86, graviton, kvm, …)')
    .option('--expect <policy.json>', 'policy: required/forbidden devices, allowed unconfigured devices, banner tag, key types')
    .option('--jobs <n>', 'threads that judge many files at once (auto: one per core; at most one per 12 files; default 1: the main thread)');
  addGateOptions(cmd)
    .addHelpText(
      'after',
      '\nExit codes: 0 pass, 1 fail, 3 inconclusive, 2 usage or input error; with several files the worst (2 > 1 > 3 > 0).' +
        '\nThe verdict is the gate\'s: a baseline regression makes it fail; with --known-issues-pass a failure whose every cause is known is a pass (exit 0).' +
        '\n--format html with one file writes the full page (whole console, device tree); with several, one article per file under a summary.' +
        '\n--report FORMAT=FILE (repeatable) writes more formats from the same run; a saved --format json report is rendered again by `bootgate report`.',
    )
    .action(async (files: string[], flags: CheckFlags) => {
      process.exitCode = await runCheck(files, flags);
    });
}

export async function runCheck(files: readonly string[], flags: CheckFlags): Promise<ExitCode> {
  const { isPlatformId, PLATFORM_IDS } = await import('../../platform/profiles.js');
  let platform: PlatformId | undefined;
  if (flags.platform !== undefined) {
    if (!isPlatformId(flags.platform)) throw new ConfigError(`--platform: unknown platform "${flags.platform}" (known: ${PLATFORM_IDS.join(', ')})`);
    platform = flags.platform;
  }
  const policy = flags.expect === undefined ? undefined : await (await import('../../policy/load-policy.js')).loadPolicy(flags.expect);
  if (files.filter((f) => f === '-').length > 1) throw new ConfigError('stdin (-) can be read only once');
  const jobs = parseJobs(flags.jobs);
  const { loadGateConfig, gateActive } = await import('../../gate/gate-config.js');
  const gate = await loadGateConfig(flags);
  const [{ readInputs }, { parseBootLog }, { checkModel }, { BootgateError }, { looksLikeSavedReport }, targetsMod] = await Promise.all([
    import('../../input/read-inputs.js'),
    import('../../parser/index.js'),
    import('../../check/check.js'),
    import('../../errors.js'),
    import('../../report/read-saved.js'),
    import('../report-targets.js'),
  ]);
  const applyGate = gateActive(gate) ? (await import('../../gate/apply-gate.js')).applyGate : null;
  const targets = await targetsMod.openTargets(flags, targetsMod.parseMaxBytes(flags.markdownMaxBytes));
  // One file as html: the page shows every console line and the device tree.
  const wholeConsole = files.length === 1 && targets.some((t) => t.formatter.wholeConsole === true);
  // The gate keeps the console lines (html shows them; the redactor learns host names from them): the parse hands them over.
  const keepLines = (wholeConsole && applyGate !== null) || gate.redactor !== null;
  // Without them a whole-console page decodes the console a piece at a time.
  const normalizeMod = wholeConsole && !keepLines ? await import('../../input/normalize.js') : null;
  const { performance } = await import('node:perf_hooks');

  const writer = new targetsMod.ReportWriter(targets, { command: 'check', inputs: files.length });
  const verdicts = { pass: 0, fail: 0, inconclusive: 0 };
  let errors = 0;
  let exit: ExitCode = EXIT.pass;
  const fail = async (file: string, message: string) => {
    errors++;
    exit = worseExit(exit, EXIT.error);
    process.stderr.write(`bootgate: ${message}\n`);
    await writer.error({ label: file, message });
  };

  const savedReport = (file: string) => `${file}: is a bootgate JSON report, not a console log; render it again with \`bootgate report ${file} --format FORMAT\``;
  /** One judged file into the reports and the exit code. */
  const judged = async (item: ReportItem): Promise<void> => {
    verdicts[item.report.verdict]++;
    exit = worseExit(exit, VERDICT_EXIT[item.report.verdict]);
    await writer.item(item);
  };

  await writer.begin();
  // --jobs with many files and nothing that needs a model in this thread (a gate, a whole-console
  // page): the parse and the rules run on worker threads, and the reports come back in the files' order.
  const pool = applyGate === null && gate.redactor === null && !wholeConsole && jobs !== 1 ? await import('../check-pool.js') : null;
  const threads = pool ? pool.checkThreads(files, jobs) : 0;
  if (pool && threads > 0) {
    for await (const j of pool.judgeInThreads(files, threads, { platform, policy })) {
      if (j.kind === 'unreadable') await fail(j.file, j.message);
      else if (j.kind === 'saved-report') await fail(j.file, savedReport(j.file));
      else await judged({ label: j.report.file ?? '(stdin)', report: j.report, rulesVerdict: j.report.verdict, baseline: null, known: null, model: null, consoleLines: null, elapsedMs: j.elapsedMs });
    }
    await writer.end({ files: files.length - errors, verdicts, errors });
    return exit;
  }
  // One file at a time: thousands of inputs stay at constant memory.
  for await (const read of readInputs(files)) {
    const started = performance.now();
    const { file, bytes } = read;
    if (bytes === undefined) {
      const err = read.error;
      if (!(err instanceof BootgateError)) throw err;
      await fail(file, err.message);
      continue;
    }
    // A report bootgate wrote is not a console: judging it would say "no OpenBSD boot".
    if (looksLikeSavedReport(bytes)) {
      await fail(file, savedReport(file));
      continue;
    }
    let lines: NormalLine[] | null = null;
    const { model } = parseBootLog(bytes, keepLines ? { onLines: (run) => (lines = lines === null ? [...run] : lines.concat(run)) } : {});
    const checked = checkModel(model, {
      file,
      ...(platform !== undefined ? { platform } : {}),
      ...(policy !== undefined ? { policy } : {}),
    });
    const g = applyGate?.(gate, checked, model, lines);
    const report = g?.report ?? checked;
    await judged({
      label: report.file ?? '(stdin)',
      report,
      rulesVerdict: g?.rulesVerdict ?? checked.verdict,
      baseline: g?.baseline ?? null,
      known: g?.known ?? null,
      model: g?.model ?? model,
      consoleLines: wholeConsole ? (g?.consoleLines ?? lines) : null,
      // A large console never exists as all its line objects and one page string at once.
      ...(normalizeMod ? { consolePieces: () => normalizeMod.consoleBatchPieces(bytes, PAGE_PIECE_BYTES) } : {}),
      elapsedMs: performance.now() - started,
    });
  }
  await writer.end({ files: files.length - errors, verdicts, errors });
  return exit;
}
