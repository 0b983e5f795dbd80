import { Option, type Command } from 'commander';
import { ConfigError } from '../../errors.js';
import { readJsonFile } from '../../config/read-json-file.js';
import { EXIT } from '../../verdict/exit-codes.js';
import { addOutputOptions, type OutputFlags } from '../output-options.js';

interface HistoryFlags extends OutputFlags {
  sort: 'given' | 'kernel';
  allow?: string;
  builtinAllow: boolean;
  rules: boolean;
  redact?: boolean;
}

export function registerHistory(program: Command): void {
  const cmd = program
    .command('history')
    .description('follow a series of snapshots (oldest first): what changed, the first bad and last good snapshot of each regression, and what came back; exit 1 when the newest still regresses against the oldest')
    .argument('<input...>', 'console logs, saved baselines/models, or `check --format json` reports, oldest first (- for stdin, once)');
  addOutputOptions(cmd, ['human', 'json', 'markdown', 'html'])
    .addOption(new Option('--sort <order>', 'series order: as given, or by kernel build date').choices(['given', 'kernel']).default('given'))
    .option('--allow <file>', 'JSON file of expected changes (see docs/allow.example.json); applied at the first bad snapshot')
    .option('--no-builtin-allow', 'do not apply the built-in allow list of known release-to-release changes')
    .option('--no-rules', 'do not run the rules: follow devices, milestones and panics only')
    .option('--redact', 'replace MACs, IPs, host names, fingerprints, DUIDs, serials and AWS ids by salted tokens')
    .action(async (inputs: string[], flags: HistoryFlags) => {
      if (inputs.filter((p) => p === '-').length > 1) throw new ConfigError('history: stdin (-) can be given once');
      if (inputs.length < 2) throw new ConfigError('history: needs at least two snapshots');
      const [{ readInput }, { parseBootLog }, diffMod, hist] = await Promise.all([
        import('../../input/read-input.js'),
        import('../../parser/index.js'),
        import('../../diff/index.js'),
        import('../../history/index.js'),
      ]);
      const allowJson = flags.allow ? await readJsonFile(flags.allow, 'allow file') : undefined;
      const allow = flags.allow ? diffMod.parseAllowFile(allowJson, flags.allow) : [];
      const builtin = !flags.builtinAllow ? [] : flags.allow ? diffMod.builtinAllowFor(allowJson, flags.allow, diffMod.BUILTIN_ALLOW) : diffMod.BUILTIN_ALLOW;
      const check = flags.rules ? (await import('../../check/check.js')).checkModel : undefined;
      const parse = (b: Uint8Array | string) => parseBootLog(b).model;
      const sides = [];
      for (const p of inputs) sides.push(diffMod.loadDiffInput(await readInput(p), p, parse));
      let report = hist.buildHistory(sides, { sort: flags.sort, allow, builtin, ...(check ? { check: (m) => check(m) } : {}) });
      if (flags.redact) report = (await import('../../redact/index.js')).redactReport(report);
      const render = { json: hist.formatHistoryJson, markdown: hist.formatHistoryMarkdown, html: hist.formatHistoryHtml, human: hist.formatHistoryText }[flags.format as 'json' | 'markdown' | 'html' | 'human'] ?? hist.formatHistoryText;
      await (await import('../output.js')).writeAll(flags.output, render(report));
      process.exitCode = report.regression ? EXIT.fail : EXIT.pass;
    });
}
