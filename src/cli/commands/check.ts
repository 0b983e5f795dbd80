import type { Command } from 'commander';
import { ConfigError } from '../../errors.js';
import { EXIT, VERDICT_EXIT, worseExit, type ExitCode } from '../../verdict/exit-codes.js';
import type { PlatformId } from '../../platform/types.js';
import { addGateOptions } from '../gate-options.js';
import type { NormalLine } from '../../input/types.js';
import type { GateFlags } from '../../gate/gate-config.js';
import { addOutputOptions, type OutputFlags } from '../output-options.js';

interface CheckFlags extends GateFlags, OutputFlags {
  platform?: string;
  expect?: string;
}

export function registerCheck(program: Command): void {
  const cmd = program
    .command('check')
    .description('judge captured console logs: verdict, rule findings with evidence lines, diagnoses')
    .argument('<files...>', 'console logs (raw, aws --output text or json); - reads stdin');
  addOutputOptions(cmd, ['human', 'json', 'junit', 'markdown', 'html'], { help: 'human | json | junit | markdown | html (text = human)' })
    .option('--platform <id>', 'platform profile instead of detecting it (xen-hvm, nitro-x86, graviton, kvm, …)')
    .option('--expect <policy.json>', 'policy: required/forbidden devices, allowed unconfigured devices, banner tag, key types');
  addGateOptions(cmd)
    .addHelpText(
      'after',
      '\nExit codes: 0 pass, 1 fail, 3 inconclusive, 2 usage or input error; with several files the worst (2 > 1 > 3 > 0).' +
        '\nThe verdict is the gate\'s: a baseline regression makes it fail; with --known-issues-pass a failure whose every cause is known is a pass (exit 0).' +
        '\n--format html with one file writes the full page (whole console, device tree); with several, one article per file.',
    )
    .action(async (files: string[], flags: CheckFlags) => {
      process.exitCode = await runCheck(files, flags);
    });
}

export async function runCheck(files: readonly string[], flags: CheckFlags): Promise<ExitCode> {
  const [{ FORMATTERS, formatNames }, { isPlatformId, PLATFORM_IDS }] = await Promise.all([
    import('../../report/index.js'),
    import('../../platform/profiles.js'),
  ]);
  const formatter = FORMATTERS.get(flags.format);
  if (!formatter) throw new ConfigError(`--format: unknown format "${flags.format}" (known: ${formatNames().join(', ')})`);
  let platform: PlatformId | undefined;
  if (flags.platform !== undefined) {
    if (!isPlatformId(flags.platform)) throw new ConfigError(`--platform: unknown platform "${flags.platform}" (known: ${PLATFORM_IDS.join(', ')})`);
    platform = flags.platform;
  }
  const policy = flags.expect === undefined ? undefined : await (await import('../../policy/load-policy.js')).loadPolicy(flags.expect);
  if (files.filter((f) => f === '-').length > 1) throw new ConfigError('stdin (-) can be read only once');
  const { loadGateConfig, gateActive } = await import('../../gate/gate-config.js');
  const gate = await loadGateConfig(flags);
  const [{ readAhead }, { parseBootLog }, { checkModel }, { BootgateError }] = await Promise.all([
    import('../../input/read-ahead.js'),
    import('../../parser/index.js'),
    import('../../check/check.js'),
    import('../../errors.js'),
  ]);
  const gated = gateActive(gate)
    ? await Promise.all([import('../../gate/apply-gate.js'), import('../../report/render-gated.js')]).then(([a, r]) => ({ applyGate: a.applyGate, renderGated: r.renderGated }))
    : null;
  // One file as html: the whole page with every console line and the device tree; several stream one article each.
  const fullHtml = flags.format === 'html' && files.length === 1;
  // The gate keeps the console lines (html shows them; the redactor learns host names from them): the parse hands them over.
  const keepLines = (fullHtml && gated !== null) || gate.redactor !== null;

  const [{ openSink }, { useColor }] = await Promise.all([import('../output.js'), import('../color.js')]);
  // A reader that goes away (`| head`) ends the report quietly; a failed write (disk full) is exit 2.
  const out = await openSink(flags.output);
  const write = (text: string) => out.write(text);
  const ctx = { color: useColor(flags.color, out.isStdout ? process.stdout : null) };
  const verdicts = { pass: 0, fail: 0, inconclusive: 0 };
  let errors = 0;
  let exit: ExitCode = EXIT.pass;
  const worse = (code: ExitCode) => {
    exit = worseExit(exit, code);
  };

  if (!fullHtml) await write(formatter.begin(ctx));
  // Files are read a few ahead of the one being checked; thousands of inputs stay at constant memory.
  for await (const read of readAhead(files)) {
    const { file, bytes } = read;
    if (bytes === undefined) {
      const err = read.error;
      if (!(err instanceof BootgateError)) throw err;
      errors++;
      worse(EXIT.error);
      process.stderr.write(`bootgate: ${err.message}\n`);
      await write((fullHtml ? formatter.begin(ctx) : '') + formatter.error(file, err.message, ctx));
      continue;
    }
    let lines: NormalLine[] | null = null;
    const { model } = parseBootLog(bytes, keepLines ? { onLines: (run) => (lines = lines === null ? [...run] : lines.concat(run)) } : {});
    const checked = checkModel(model, {
      file,
      ...(platform !== undefined ? { platform } : {}),
      ...(policy !== undefined ? { policy } : {}),
    });
    const g = gated?.applyGate(gate, checked, model, lines);
    const report = g?.report ?? checked;
    verdicts[report.verdict]++;
    worse(VERDICT_EXIT[report.verdict]);
    if (fullHtml) {
      const [{ renderHtmlReportPieces }, { consoleLinePieces }] = await Promise.all([import('../../report/html.js'), import('../../input/normalize.js')]);
      // Without the gate's (redacted) lines, the console is decoded a piece at a time, each piece
      // written before the next is made: a large console never exists as all its line objects
      // and one page string at once.
      const input = { report, model: g?.model ?? model, diff: g?.baseline?.diff ?? null, known: g?.known?.outcome ?? null };
      for (const piece of renderHtmlReportPieces(input, g?.consoleLines ? [g.consoleLines] : consoleLinePieces(bytes))) await write(piece);
    } else {
      await write(g ? gated!.renderGated(formatter, g, ctx, { model: g.model, bytes }) : formatter.file(report, ctx, { model, bytes }));
    }
  }
  if (!fullHtml || errors > 0) await write(formatter.end({ files: files.length - errors, verdicts, errors }, ctx));
  await out.close();
  return exit;
}
