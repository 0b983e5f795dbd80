import type { Command } from 'commander';
import { addOutputOptions, type OutputFlags } from '../output-options.js';

/** `bootgate rules`: the rules `check` runs, in report order, with each rule's meta (severity, what it checks). */
export function registerRules(program: Command): void {
  const cmd = program.command('rules').description('list the rules check runs: id, severity, what each one checks');
  addOutputOptions(cmd, ['human', 'json'], { help: 'human (a table) | json (one array of {id, severity, liveOnly, description})' })
    .action(async (opts: OutputFlags) => {
      const [{ RULES, REPORT_ORDER, LIVE_ONLY }, { writeAll }] = await Promise.all([import('../../rules/index.js'), import('../output.js')]);
      const byId = new Map(RULES.map((r) => [r.id, r]));
      const rows = REPORT_ORDER.map((id) => byId.get(id)!).map((r) => ({
        id: r.id,
        severity: r.meta.severity,
        liveOnly: LIVE_ONLY.includes(r.id),
        description: r.meta.description,
      }));
      if (opts.format === 'json') return writeAll(opts.output, `${JSON.stringify(rows)}\n`);
      const width = Math.max(...rows.map((r) => r.id.length));
      return writeAll(opts.output, rows.map((r) => `${r.id.padEnd(width)}  ${r.severity.padEnd(7)}  ${r.description}\n`).join(''));
    });
}
