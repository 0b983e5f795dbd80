import type { Command } from 'commander';
import { ConfigError } from '../../errors.js';
import { readJsonFile } from '../../config/read-json-file.js';
import { EXIT } from '../../verdict/exit-codes.js';
import { addOutputOptions } from '../output-options.js';
import type { ReportFlags } from '../report-targets.js';

interface DiffFlags extends ReportFlags {
  allow?: string;
  explainAllow?: boolean;
  builtinAllow: boolean;
  redact?: boolean;
  rules: boolean;
}

export function registerDiff(program: Command): void {
  const cmd = program
    .command('diff')
    .description('compare two boots (console logs, saved models/baselines, or check reports): exit 1 on a regression')
    .argument('[old]', 'known-good input: console log, baseline/model JSON, or `check --format json` report (- for stdin)')
    .argument('[new]', 'input to judge, same kinds');
  addOutputOptions(cmd, 'registry', { report: true })
    .option('--allow <file>', 'JSON file of expected changes (see docs/allow.example.json)')
    .option('--redact', 'replace MACs, IPs, host names, fingerprints, DUIDs, serials and AWS ids by salted tokens')
    .option('--no-rules', 'do not run the rules: compare devices and milestones only')
    .option('--no-builtin-allow', 'do not apply the built-in allow list of known release-to-release changes')
    .option('--explain-allow', 'list the allow entries in force (built-in per release step, then --allow FILE) and exit')
    .action(async (oldPath: string | undefined, newPath: string | undefined, flags: DiffFlags) => {
      const diffMod = await import('../../diff/index.js');
      const allowJson = flags.allow ? await readJsonFile(flags.allow, 'allow file') : undefined;
      const allow = flags.allow ? diffMod.parseAllowFile(allowJson, flags.allow) : [];
      const builtin = !flags.builtinAllow ? [] : flags.allow ? diffMod.builtinAllowFor(allowJson, flags.allow, diffMod.BUILTIN_ALLOW) : diffMod.BUILTIN_ALLOW;
      if (flags.explainAllow) {
        const text = flags.format === 'json'
          ? JSON.stringify({ builtin, file: allow, disabled: diffMod.BUILTIN_ALLOW.filter((e) => !builtin.includes(e)).map((e) => e.id) }, null, 2) + '\n'
          : diffMod.formatAllowList(builtin, allow, diffMod.BUILTIN_ALLOW, flags.allow ?? null);
        await (await import('../output.js')).writeAll(flags.output, text);
        process.exitCode = EXIT.pass;
        return;
      }
      if (oldPath === undefined || newPath === undefined) throw new ConfigError('diff: needs <old> and <new> (or --explain-allow)');
      if (oldPath === '-' && newPath === '-') throw new ConfigError('diff: only one of <old> and <new> can be stdin (-)');
      const [{ readInput }, { parseBootLog }] = await Promise.all([
        import('../../input/read-input.js'),
        import('../../parser/index.js'),
      ]);
      const check = flags.rules ? (await import('../../check/check.js')).checkModel : undefined;
      const parse = (b: Uint8Array | string) => parseBootLog(b).model;
      const [oldSide, newSide] = await Promise.all([oldPath, newPath].map(async (p) => diffMod.loadDiffInput(await readInput(p), p, parse)));
      let diff = diffMod.diffBoots(oldSide!, newSide!, { allow, builtin, ...(check ? { check: (m) => check(m) } : {}) });
      if (flags.redact) diff = (await import('../../redact/index.js')).redactReport(diff);
      // Every format renders the diff itself (src/report/<format>.ts); --report adds more files.
      const targetsMod = await import('../report-targets.js');
      const targets = await targetsMod.openTargets(flags, targetsMod.parseMaxBytes(flags.markdownMaxBytes));
      for (const t of targets) await t.sink.write(t.formatter.diff(diff, t.ctx));
      const closed = await Promise.allSettled(targets.map((t) => t.sink.close()));
      const failed = closed.find((c): c is PromiseRejectedResult => c.status === 'rejected');
      if (failed) throw failed.reason;
      // The new log could not tell (a dmesg without rc output, a rule that cannot decide): not a pass.
      process.exitCode = diff.regression ? EXIT.fail : diff.inconclusive ? EXIT.inconclusive : EXIT.pass;
    });
}
