import type { Command } from 'commander';
import { ConfigError } from '../../errors.js';
import { EXIT, worseExit, type ExitCode } from '../../verdict/exit-codes.js';
import { addOutputOptions, type OutputFlags } from '../output-options.js';

interface TreeOptions extends OutputFlags {
  allBoots?: boolean;
  width: string;
  redact?: boolean;
}

/** `--width`: a whole number of characters, 0 for no cut. */
export function parseWidth(raw: string): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(n) || n < 0) throw new ConfigError(`--width: "${raw}" is not a whole number of characters (0: no cut)`);
  return n;
}

/** `bootgate tree <file|->…`: the latest boot's device tree (or every boot's), as text or JSON. */
export function registerTree(program: Command): void {
  const cmd = program
    .command('tree')
    .description('print the device tree of the latest boot in a console log')
    .argument('<files...>', 'console log files, or - for stdin');
  addOutputOptions(cmd, ['human', 'json'], { help: 'human (the tree) | json (the boot model; one object per line with several files)' })
    .option('--all-boots', 'show every boot in the buffer, not only the latest')
    .option('--width <n>', 'cut descriptions to n characters (0: none)', '60')
    .option('--redact', 'replace MACs, IPs, host names, fingerprints, DUIDs, serials and AWS ids by salted tokens (stable within the run)')
    .action(async (files: string[], opts: TreeOptions) => {
      const width = parseWidth(opts.width);
      if (files.filter((f) => f === '-').length > 1) throw new ConfigError('stdin (-) can be read only once');
      const json = opts.format === 'json';
      const [{ readInput }, { parseBootLog }, { renderDeviceTree }, { modelToJson }, { openSink }] = await Promise.all([
        import('../../input/read-input.js'),
        import('../../parser/index.js'),
        import('../../tree/render-tree.js'),
        import('../../tree/model-json.js'),
        import('../output.js'),
      ]);
      // One redactor for every file, so a MAC seen in two logs is one token.
      const redactor = opts.redact ? (await import('../../redact/redactor.js')).createRedactor() : null;
      const out = await openSink(opts.output);
      let worst: ExitCode = EXIT.pass;
      const raise = (code: ExitCode): void => {
        worst = worseExit(worst, code);
      };
      for (const file of files) {
        let bytes: Uint8Array;
        try {
          bytes = await readInput(file);
        } catch (err) {
          process.stderr.write(`bootgate: ${(err as Error).message}\n`);
          raise(EXIT.error);
          continue;
        }
        const parsed = parseBootLog(bytes).model;
        const model = redactor ? redactor.value(parsed) : parsed;
        if (model.boots.length === 0) {
          process.stderr.write(`bootgate: ${file}: no OpenBSD boot found (no kernel banner, attach, root or rc lines)\n`);
          raise(EXIT.inconclusive);
          if (!json) continue;
        }
        if (json) {
          await out.write(`${modelToJson(model, files.length > 1 ? file : undefined)}\n`);
          continue;
        }
        const boots = opts.allBoots ? model.boots : model.boots.slice(-1);
        if (files.length > 1) await out.write(`==> ${file} <==\n`);
        for (const boot of boots) await out.write(`${renderDeviceTree(boot, { width })}\n`);
      }
      await out.close();
      process.exitCode = worst;
    });
}
