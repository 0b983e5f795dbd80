import type { Command } from 'commander';
import { ConfigError } from '../../errors.js';
import { EXIT, VERDICT_EXIT, worseExit, type ExitCode } from '../../verdict/exit-codes.js';
import { addOutputOptions } from '../output-options.js';
import type { ReportFlags } from '../report-targets.js';

/**
 * `bootgate report saved.json… --format html`: a `check` or `launch` JSON report, saved earlier,
 * rendered again in any format without judging (or paying for) anything again. The verdicts,
 * findings, diagnoses, baseline diff, known issues and a launch's timeline come from the JSON;
 * a launch report carries its console, so its page shows every line and the device tree.
 */
export function registerReport(program: Command): void {
  const cmd = program
    .command('report')
    .description('render saved `check`/`launch --format json` reports again, in any format')
    .argument('<files...>', 'JSON reports (NDJSON as --format json writes them, a --report-dir file, or an array); - reads stdin');
  addOutputOptions(cmd, 'registry', { report: true })
    .addHelpText('after', '\nExit codes: the saved verdicts, as `check` or `launch` gave them (the worst: 2 > 1 > 3 > 0); 2 for a file that is not a bootgate report.')
    .action(async (files: string[], flags: ReportFlags) => {
      process.exitCode = await runReport(files, flags);
    });
}

export async function runReport(files: readonly string[], flags: ReportFlags): Promise<ExitCode> {
  if (files.filter((f) => f === '-').length > 1) throw new ConfigError('stdin (-) can be read only once');
  const [{ readInput }, { readSavedReports }, { BootgateError }, { parseBootLog }, { normalizeConsole }, targetsMod] = await Promise.all([
    import('../../input/read-input.js'),
    import('../../report/read-saved.js'),
    import('../../errors.js'),
    import('../../parser/index.js'),
    import('../../input/normalize.js'),
    import('../report-targets.js'),
  ]);
  const maxBytes = targetsMod.parseMaxBytes(flags.markdownMaxBytes);
  // Every file is read first: the html page needs to know whether it shows one report or several.
  const entries: Awaited<ReturnType<typeof readSavedReports>> = [];
  let exit: ExitCode = EXIT.pass;
  for (const file of files) {
    try {
      entries.push(...readSavedReports(await readInput(file), file === '-' ? 'stdin' : file));
    } catch (err) {
      if (!(err instanceof BootgateError)) throw err;
      process.stderr.write(`bootgate: ${err.message}\n`);
      exit = worseExit(exit, EXIT.error);
    }
  }
  const targets = await targetsMod.openTargets(flags, maxBytes);
  const writer = new targetsMod.ReportWriter(targets, { command: 'report', inputs: entries.length });
  const verdicts = { pass: 0, fail: 0, inconclusive: 0 };
  let errors = 0;
  await writer.begin();
  for (const e of entries) {
    if (!('report' in e)) {
      errors++;
      exit = worseExit(exit, EXIT.error);
      await writer.error(e);
      continue;
    }
    verdicts[e.report.verdict]++;
    exit = worseExit(exit, VERDICT_EXIT[e.report.verdict]);
    // A launch report carries its console: the page can show every line and the device tree again.
    const withConsole = e.launch && e.launch.console.length > 0 ? { model: parseBootLog(e.launch.console).model, consoleLines: normalizeConsole(e.launch.console).lines } : {};
    await writer.item({ ...e, ...withConsole });
  }
  await writer.end({ files: entries.length - errors, verdicts, errors });
  return exit;
}
