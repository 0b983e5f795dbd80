import type { Command } from 'commander';
import { ConfigError } from '../../errors.js';
import { EXIT } from '../../verdict/exit-codes.js';
import { addOutputOptions, type OutputFlags } from '../output-options.js';
import { paint, useColor } from '../color.js';

interface DemoFlags extends OutputFlags {
  scenario?: string;
  speed: string;
}

export function registerDemo(program: Command): void {
  const cmd = program
    .command('demo')
    .description('launch a handful of scenario AMIs on the built-in EC2 simulator (no AWS account, loopback only) and show the verdicts')
    .option('--scenario <ids>', 'comma list of scenario ids (default: a handful; `bootgate sim` lists them all)')
    .option('--speed <n>', 'simulated seconds per real second', '20');
  addOutputOptions(cmd, ['human', 'json'], { help: 'human (the summary) | json (one report per scenario and line)' })
    .action(async (flags: DemoFlags) => {
      const given = (flags.scenario ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      if (flags.scenario !== undefined && given.length === 0) throw new ConfigError('--scenario: no scenario id given (`bootgate sim` lists them)');
      const { runDemo, DEMO_SCENARIOS } = await import('../../launcher/demo.js');
      const { formatDuration, InterruptedError } = await import('../../launcher/index.js');
      const speed = Number(flags.speed);
      if (!(speed > 0) || !Number.isFinite(speed)) throw new ConfigError(`--speed: "${flags.speed}" is not a positive number`);
      const ids = flags.scenario === undefined ? [...DEMO_SCENARIOS] : given;
      const { SCENARIOS } = await import('../../sim/scenarios.js');
      const unknown = ids.filter((id) => !SCENARIOS.some((s) => s.id === id));
      if (unknown.length > 0) throw new ConfigError(`--scenario: unknown ${unknown.join(', ')} (known: ${SCENARIOS.map((s) => s.id).join(', ')})`);
      const width = Math.max(...ids.map((i) => i.length));
      const { openSink } = await import('../output.js');
      const out = await openSink(flags.output);
      // Live progress goes to stderr: coloured when stderr is a terminal.
      const tint = useColor(flags.color, process.stderr);
      const color = useColor(flags.color, out.isStdout ? process.stdout : null);
      const lines: string[] = [];
      const print = (s: string) => lines.push(s);
      const abort = new AbortController();
      const onSigint = () => abort.abort(new InterruptedError('SIGINT'));
      process.once('SIGINT', onSigint);
      const t0 = Date.now();
      try {
        const { results, runningAfter, instanceSeconds } = await runDemo({
          scenarioIds: ids,
          speed,
          // 5 simulated seconds between polls; a Xen snapshot every 10 simulated seconds.
          pollIntervalMs: Math.max(100, Math.round(5000 / speed)),
          // 10 simulated minutes: far beyond any scenario's boot.
          timeoutMs: Math.round(600_000 / speed),
          signal: abort.signal,
          onStarted: (endpoint) => process.stderr.write(`simulator on ${endpoint} (${speed}x); launching ${ids.length} scenarios\n`),
          onProgress: (id, e) => {
            if (e.kind === 'milestone' || e.kind === 'verdict' || e.kind === 'warning' || e.kind === 'ssh' || (e.kind === 'state' && /launched/.test(e.message))) {
              const msg = e.kind === 'warning' ? paint(tint, 'yellow', `warning: ${e.message}`) : e.kind === 'verdict' ? paint(tint, 'bold', e.message) : e.message;
              process.stderr.write(`${paint(tint, 'dim', id.padEnd(width))}  ${msg}\n`);
            }
          },
        });
        if (flags.format === 'json') {
          for (const r of results) print(JSON.stringify({ scenario: r.scenario.id, ok: r.ok, mismatch: r.mismatch, report: r.report, error: r.error?.message ?? null }) + '\n');
        } else {
          print('\n');
          for (const r of results) {
            const got = r.report ? `${r.report.verdict}${r.report.diagnoses.length ? ` [${r.report.diagnoses.map((d) => d.id).join(', ')}]` : ''}${r.report.cause && r.report.verdict !== 'pass' ? ` (${r.report.cause})` : ''}` : `error: ${r.error?.message}`;
            print(`${r.ok ? paint(color, 'green', 'ok  ') : paint(color, 'red', 'BAD ')} ${r.scenario.id.padEnd(width)}  ${got}\n`);
            if (r.mismatch) print(`      ${r.mismatch}\n`);
            for (const d of r.report?.diagnoses ?? []) {
              const ev = d.evidence[0];
              print(`      ${d.id}: ${d.summary}${ev ? ` (console line ${ev.line}: ${ev.text.trim()})` : ''}\n`);
            }
            if (r.report && r.report.verdict === 'fail' && r.report.diagnoses.length === 0) {
              for (const f of r.report.findings.filter((x) => x.status === 'fail')) print(`      ${f.rule}: ${f.message}\n`);
            }
            if (r.report?.reason && r.report.verdict !== 'pass') print(`      ${r.report.reason.split('\n')[0]}\n`);
          }
          const good = results.filter((r) => r.ok).length;
          print(
            `\n${good}/${results.length} scenarios showed what they are built to show in ${formatDuration(Date.now() - t0)}; ` +
              `instances still running: ${runningAfter}; simulated cost ${instanceSeconds.toFixed(1)} instance-seconds\n`,
          );
        }
        process.exitCode = results.every((r) => r.ok) && runningAfter === 0 && !abort.signal.aborted ? EXIT.pass : EXIT.fail;
        await out.write(lines.join(''));
        await out.close();
      } finally {
        process.off('SIGINT', onSigint);
      }
    });
}
