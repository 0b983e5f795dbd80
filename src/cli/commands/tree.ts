import type { Command } from 'commander';
import { EXIT, worseExit, type ExitCode } from '../exit-codes.js';

interface TreeOptions {
  json?: boolean;
  allBoots?: boolean;
  width: string;
  redact?: boolean;
}

/** `bootgate tree <file|->…`: the latest boot's device tree (or every boot's), as text or JSON. */
export function registerTree(program: Command): void {
  program
    .command('tree')
    .description('print the device tree of the latest boot in a console log')
    .argument('<files...>', 'console log files, or - for stdin')
    .option('--json', 'print the boot model as JSON (one object per line with several files)')
    .option('--all-boots', 'show every boot in the buffer, not only the latest')
    .option('--width <n>', 'cut descriptions to n characters (0: none)', '60')
    .option('--redact', 'replace MACs, IPs, host names, fingerprints, DUIDs, serials and AWS ids by salted tokens (stable within the run)')
    .action(async (files: string[], opts: TreeOptions) => {
      const { readInput } = await import('../../input/read-input.js');
      const { parseBootLog } = await import('../../parser/index.js');
      const { renderDeviceTree } = await import('../../tree/render-tree.js');
      const { modelToJson } = await import('../../tree/model-json.js');
      // One redactor for every file, so a MAC seen in two logs is one token.
      const redactor = opts.redact ? (await import('../../redact/redactor.js')).createRedactor() : null;
      const width = Number(opts.width);
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
          if (!opts.json) continue;
        }
        if (opts.json) {
          process.stdout.write(`${modelToJson(model, files.length > 1 ? file : undefined)}\n`);
          continue;
        }
        const boots = opts.allBoots ? model.boots : model.boots.slice(-1);
        if (files.length > 1) process.stdout.write(`==> ${file} <==\n`);
        for (const boot of boots) process.stdout.write(`${renderDeviceTree(boot, { width: Number.isFinite(width) ? width : 60 })}\n`);
      }
      process.exitCode = worst;
    });
}
