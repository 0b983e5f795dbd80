import type { Command } from 'commander';
import { ConfigError, InputError } from '../../errors.js';
import { EXIT } from '../../verdict/exit-codes.js';
import { addOutputOptions, type OutputFlags } from '../output-options.js';

interface SaveFlags {
  name: string;
  dir: string;
  redact?: boolean;
  rules: boolean;
  force?: boolean;
}

interface ListFlags extends OutputFlags {
  dir: string;
}

export function registerBaseline(program: Command): void {
  const baseline = program.command('baseline').description('save and list known-good boots for `diff` and `--baseline`');

  baseline
    .command('save')
    .description('store the judged boot of a console log as a known-good baseline (<dir>/<name>.json)')
    .argument('<log>', 'console log (- for stdin)')
    .requiredOption('-n, --name <key>', 'baseline key, e.g. t2.micro-7.8 (a plain file name)')
    .option('-d, --dir <dir>', 'baseline directory (meant to be committed)', './baselines')
    .option('--redact', 'replace MACs, IPs, host names, fingerprints, DUIDs, serials and AWS ids by salted tokens before saving')
    .option('--no-rules', 'save the model without running the rules (diffs against it then skip rule verdicts)')
    .option('--force', 'save even when the rules do not pass, or over an existing baseline of that name')
    .action(async (log: string, flags: SaveFlags) => {
      const [{ readInput }, { parseBootLog }, store] = await Promise.all([
        import('../../input/read-input.js'),
        import('../../parser/index.js'),
        import('../../baseline/index.js'),
      ]);
      store.checkBaselineKey(flags.name);
      await (await import('../../config/output-dir.js')).checkOutputDir(flags.dir, '--dir');
      const { access } = await import('node:fs/promises');
      const { join } = await import('node:path');
      const target = join(flags.dir, `${flags.name}.json`);
      // A committed known-good boot is not replaced by accident.
      if (!flags.force && (await access(target).then(() => true, () => false))) {
        throw new ConfigError(`baseline save: ${target} exists; --force replaces it`);
      }
      let model = parseBootLog(await readInput(log)).model;
      let report = flags.rules ? (await import('../../check/check.js')).checkModel(model, { file: log }) : null;
      if (report && report.verdict !== 'pass' && !flags.force) {
        throw new ConfigError(`baseline save: the rules say ${report.verdict} for ${log}; a baseline must be known-good (--force saves it anyway)`);
      }
      if (flags.redact) {
        // One redactor for both, so the model and the report use the same tokens.
        const { createRedactor } = await import('../../redact/index.js');
        const r = createRedactor();
        model = r.value(model);
        report = report ? r.value(report) : null;
      }
      const path = await store.saveBaseline(flags.dir, flags.name, model, report);
      const { formatSnapshot, snapshotOf } = await import('../../diff/snapshot.js');
      const kernel = formatSnapshot(snapshotOf(model)) ?? 'kernel banner not in log';
      process.stdout.write(`saved ${flags.name}: ${path} (${kernel}${report ? `, verdict ${report.verdict}` : ''})\n`);
      process.exitCode = EXIT.pass;
    });

  const list = baseline
    .command('list')
    .description('list the baselines in a directory (exit 2 when the directory does not exist)')
    .option('-d, --dir <dir>', 'baseline directory', './baselines');
  addOutputOptions(list, ['human', 'json'])
    .action(async (flags: ListFlags) => {
      const [{ listBaselines }, { stat }, { writeAll }] = await Promise.all([import('../../baseline/index.js'), import('node:fs/promises'), import('../output.js')]);
      // A mistyped --dir is an error, not an empty list that lets a gate run without its baselines.
      const dir = await stat(flags.dir).catch(() => null);
      if (dir === null) throw new InputError(`baseline list: no directory ${flags.dir}`);
      if (!dir.isDirectory()) throw new InputError(`baseline list: ${flags.dir} is not a directory`);
      const entries = await listBaselines(flags.dir);
      let text: string;
      if (flags.format === 'json') {
        text = JSON.stringify(entries, null, 2) + '\n';
      } else if (entries.length === 0) {
        text = `no baselines in ${flags.dir}\n`;
      } else {
        const { formatSnapshot } = await import('../../diff/snapshot.js');
        const w = Math.max(...entries.map((e) => e.name.length));
        // The snapshot a porter names a baseline by: version, build number, build date, arch, instance type.
        text = entries.map((e) => `${e.name.padEnd(w)}  ${formatSnapshot(e.snapshot) ?? e.kernel ?? '-'}  ${e.verdict ?? 'not checked'}  ${e.file}\n`).join('');
      }
      await writeAll(flags.output, text);
      process.exitCode = EXIT.pass;
    });
}
