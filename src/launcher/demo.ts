import type { LaunchReport } from '../verdict/launch-report.js';
import { createEc2 } from './ec2.js';
import { runLaunch, newRunId, type ProgressEvent } from './run-launch.js';
import { analyseConsole } from './analyse.js';
import { systemClock } from './clock.js';
import type { Scenario } from '../sim/scenarios.js';

/** What the demo shows by default: one story each, all decided within seconds of simulated boot. */
export const DEMO_SCENARIOS = ['healthy-xen-6.0', 'healthy-7.6', 'nitro-no-ena', 'kernel-without-xen', 'panic-in-attach', 'host-key-mismatch', 'banner-missing', 'ec2-internal-error'] as const;

export interface DemoResult {
  readonly scenario: Scenario;
  readonly report: LaunchReport | null;
  readonly error: Error | null;
  /** Got the verdict, cause and root-cause diagnoses the scenario is built to show. */
  readonly ok: boolean;
  readonly mismatch: string | null;
}

export interface DemoOptions {
  readonly scenarioIds: readonly string[];
  readonly speed: number;
  readonly pollIntervalMs: number;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (scenarioId: string, e: ProgressEvent) => void;
  readonly onStarted?: (endpoint: string) => void;
}

/** Compares a report with the scenario's expectation; the expected diagnoses must lead (consequences may follow). */
export function judgeScenario(s: Scenario, report: LaunchReport | null, error: Error | null): string | null {
  if (!report) return `expected ${s.expect.verdict}, got an error: ${error?.message ?? 'unknown'}`;
  if (report.verdict !== s.expect.verdict) return `expected ${s.expect.verdict}, got ${report.verdict}`;
  const got = report.diagnoses.map((d) => d.id);
  const want = s.expect.diagnoses;
  if (want.some((id, i) => got[i] !== id)) return `expected diagnoses [${want.join(', ')}] first, got [${got.join(', ')}]`;
  if (s.expect.cause && report.cause !== s.expect.cause) return `expected cause ${s.expect.cause}, got ${report.cause ?? 'none'}`;
  return null;
}

/**
 * Starts the simulator in-process and launches the scenarios concurrently, with
 * static fake credentials and loopback-only connections. Always closes the simulator;
 * `runningAfter` is what it still counted as running before closing (must be 0).
 */
export async function runDemo(opts: DemoOptions): Promise<{ results: DemoResult[]; runningAfter: number; instanceSeconds: number }> {
  const { startSimulator, SCENARIOS } = await import('../sim/index.js');
  const scenarios = opts.scenarioIds.map((id) => {
    const s = SCENARIOS.find((x) => x.id === id);
    if (!s) throw new Error(`no such scenario: ${id}`);
    return s;
  });
  const sim = await startSimulator({ speed: opts.speed });
  try {
    opts.onStarted?.(sim.endpoint);
    const { api, client } = await createEc2({
      endpoint: sim.endpoint,
      region: sim.region,
      credentials: { accessKeyId: 'AKIDBOOTGATEDEMO', secretAccessKey: 'bootgate-demo-not-a-secret' },
    });
    const runId = newRunId();
    try {
      const results = await Promise.all(
        scenarios.map(async (s): Promise<DemoResult> => {
          let report: LaunchReport | null = null;
          let error: Error | null = null;
          try {
            report = await runLaunch(
              {
                amiId: s.amiId,
                instanceType: s.instanceType,
                region: sim.region,
                runId,
                subnetId: null,
                securityGroupIds: [],
                keyName: null,
                privateKey: null,
                ssh: true,
                sshUser: 'root',
                sshAddress: 'public',
                sshPort: sim.sshPort,
                imdsTokens: 'optional',
                timeoutMs: opts.timeoutMs,
                pollIntervalMs: opts.pollIntervalMs,
                keepOnFailure: false,
                strictPreflight: false,
                tags: { 'bootgate:demo': s.id },
                loopbackOnly: true,
                teardownTimeoutMs: 30_000,
              },
              {
                ec2: api,
                clock: systemClock,
                analyse: analyseConsole,
                ...(opts.signal ? { signal: opts.signal } : {}),
                onProgress: (e) => opts.onProgress?.(s.id, e),
              },
            );
          } catch (err) {
            error = err instanceof Error ? err : new Error(String(err));
          }
          const mismatch = judgeScenario(s, report, error);
          return { scenario: s, report, error, ok: mismatch === null, mismatch };
        }),
      );
      return { results, runningAfter: sim.runningCount(), instanceSeconds: sim.instanceSeconds() };
    } finally {
      client.destroy();
    }
  } finally {
    await sim.close();
  }
}
