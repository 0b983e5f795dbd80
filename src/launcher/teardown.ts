import type { Clock } from './clock.js';
import type { Ec2Api } from './ec2.js';
import { classifyAwsError, toLaunchError } from './aws-errors.js';

export interface TeardownResult {
  /** True once DescribeInstances reported `terminated`. */
  readonly confirmed: boolean;
  readonly lastState: string;
  readonly error: string | null;
}

export interface TeardownOptions {
  readonly clock: Clock;
  /** How long to keep confirming before giving up and reporting the id as not cleaned. */
  readonly confirmTimeoutMs: number;
  /** Aborts teardown itself (a second Ctrl-C); distinct from the run's signal, which may already be aborted. */
  readonly signal?: AbortSignal;
}

/**
 * TerminateInstances by id, then DescribeInstances with backoff until `terminated`.
 * NotFound right after terminate proves nothing (eventual consistency): it is retried
 * like any other not-yet.
 */
export async function terminateAndConfirm(api: Ec2Api, instanceId: string, opts: TeardownOptions): Promise<TeardownResult> {
  const { clock } = opts;
  const giveUpAt = clock.now() + opts.confirmTimeoutMs;
  let delay = 500;
  let lastState = 'unknown';
  let lastError: string | null = null;
  let terminateSent = false;
  while (true) {
    try {
      if (!terminateSent) {
        await api.terminateInstance(instanceId, opts.signal);
        terminateSent = true;
      }
      const facts = await api.describeInstance(instanceId, opts.signal);
      if (facts) {
        lastState = facts.state;
        if (facts.state === 'terminated') return { confirmed: true, lastState, error: null };
      }
    } catch (err) {
      if (opts.signal?.aborted) return { confirmed: false, lastState, error: 'teardown interrupted' };
      const kind = classifyAwsError(err);
      if (kind === 'terminal' || kind === 'credentials' || kind === 'unknown') {
        return { confirmed: false, lastState, error: toLaunchError(err, terminateSent ? 'DescribeInstances' : 'TerminateInstances').message };
      }
      lastError = toLaunchError(err, terminateSent ? 'DescribeInstances' : 'TerminateInstances').message;
    }
    if (clock.now() + delay > giveUpAt) {
      return { confirmed: false, lastState, error: lastError ?? `still ${lastState} after ${Math.round(opts.confirmTimeoutMs / 1000)}s` };
    }
    try {
      await clock.sleep(delay, opts.signal);
    } catch {
      return { confirmed: false, lastState, error: 'teardown interrupted' };
    }
    delay = Math.min(delay * 2, 10_000);
  }
}
