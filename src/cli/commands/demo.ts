import type { Command } from 'commander';
import { ConfigError } from '../../errors.js';
import { EXIT } from '../exit-codes.js';

interface DemoFlags {
  scenario?: string;
  speed: string;
  json: boolean;
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('launch a handful of scenario AMIs on the built-in EC2 simulator (no AWS account, loopback only) and show the verdicts')
    .option('--scenario <ids>', 'comma list of scenario ids (default: a handful; `bootgate sim` lists them all)')
    .option('--speed <n>', 'simulated seconds per real second', '20')
    .option('--json', 'one JSON report per line instead of the summary', false)
    .action(async (flags: DemoFlags) => {
      const { runDemo, DEMO_SCENARIOS } = await import('../../launcher/demo.js');
      const { formatDuration, InterruptedError } = await import('../../launcher/index.js');
      const speed = Number(flags.speed);
      if (!(speed > 0) || !Number.isFinite(speed)) throw new ConfigError(`--speed: "${flags.speed}" is not a positive number`);
      const ids = flags.scenario ? flags.scenario.split(',').map((s) => s.trim()).filter(Boolean) : [...DEMO_SCENARIOS];
      const { SCENARIOS } = await import('../../sim/scenarios.js');
      const unknown = ids.filter((id) => !SCENARIOS.some((s) => s.id === id));
      if (unknown.length > 0) throw new ConfigError(`--scenario: unknown ${unknown.join(', ')} (known: ${SCENARIOS.map((s) => s.id).join(', ')})`);
      const width = Math.max(...ids.map((i) => i.length));
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
              process.stderr.write(`${id.padEnd(width)}  ${e.kind === 'warning' ? 'warning: ' : ''}${e.message}\n`);
            }
          },
        });
        if (flags.json) {
          for (const r of results) process.stdout.write(JSON.stringify({ scenario: r.scenario.id, ok: r.ok, mismatch: r.mismatch, report: r.report, error: r.error?.message ?? null }) + '\n');
        } else {
          process.stdout.write('\n');
          for (const r of results) {
            const got = r.report ? `${r.report.verdict}${r.report.diagnoses.length ? ` [${r.report.diagnoses.map((d) => d.id).join(', ')}]` : ''}${r.report.cause && r.report.verdict !== 'pass' ? ` (${r.report.cause})` : ''}` : `error: ${r.error?.message}`;
            process.stdout.write(`${r.ok ? 'ok  ' : 'BAD '} ${r.scenario.id.padEnd(width)}  ${got}\n`);
            if (r.mismatch) process.stdout.write(`      ${r.mismatch}\n`);
            for (const d of r.report?.diagnoses ?? []) {
              const ev = d.evidence[0];
              process.stdout.write(`      ${d.id}: ${d.summary}${ev ? ` (console line ${ev.line}: ${ev.text.trim()})` : ''}\n`);
            }
            if (r.report && r.report.verdict === 'fail' && r.report.diagnoses.length === 0) {
              for (const f of r.report.findings.filter((x) => x.status === 'fail')) process.stdout.write(`      ${f.rule}: ${f.message}\n`);
            }
            if (r.report?.reason && r.report.verdict !== 'pass') process.stdout.write(`      ${r.report.reason.split('\n')[0]}\n`);
          }
          const good = results.filter((r) => r.ok).length;
          process.stdout.write(
            `\n${good}/${results.length} scenarios showed what they are built to show in ${formatDuration(Date.now() - t0)}; ` +
              `instances still running: ${runningAfter}; simulated cost ${instanceSeconds.toFixed(1)} instance-seconds\n`,
          );
        }
        process.exitCode = results.every((r) => r.ok) && runningAfter === 0 && !abort.signal.aborted ? EXIT.pass : EXIT.fail;
      } finally {
        process.off('SIGINT', onSigint);
      }
    });
}
