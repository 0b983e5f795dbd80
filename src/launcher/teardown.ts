import type { Clock } from './clock.js';
import type { Ec2Api } from './ec2.js';
import { classifyAwsError, toLaunchError } from './aws-errors.js';
import { withBound } from './bounded-signal.js';

export interface TeardownResult {
  /** True once DescribeInstances reported `terminated`, or the instance is gone from the API (see {@link GONE}). */
  readonly confirmed: boolean;
  readonly lastState: string;
  readonly error: string | null;
  /** Confirmed because the API no longer lists the instance after terminating it (see {@link GONE}), not by a `terminated` answer. */
  readonly unlisted?: boolean;
}

export interface TeardownOptions {
  readonly clock: Clock;
  /** The whole teardown budget: how long to keep confirming before giving up and reporting the id as not cleaned. */
  readonly confirmTimeoutMs: number;
  /** Bound of each TerminateInstances / DescribeInstances call (default 30 s, never past the budget). */
  readonly callTimeoutMs?: number;
  /** Aborts teardown itself (a second Ctrl-C); distinct from the run's signal, which may already be aborted. */
  readonly signal?: AbortSignal;
}

export const DEFAULT_TEARDOWN_CALL_MS = 30_000;

/**
 * When an instance no longer listed counts as gone. EC2 lists a terminated instance for about an
 * hour, and right after a launch it may not list it yet (eventual consistency), so NotFound alone
 * proves nothing. Some EC2 emulators delete an instance once it is terminated. So: TerminateInstances
 * answered for this very instance with `shutting-down` or `terminated` (the API knew it then), and
 * from then on every describe for at least `afterMs` said it is not there, `answers` times running.
 */
export const GONE = { answers: 3, afterMs: 10_000 } as const;

/**
 * TerminateInstances by id, then DescribeInstances with backoff until `terminated`, every
 * call bounded and the whole inside the budget. NotFound right after terminate proves
 * nothing (eventual consistency), and a call that timed out is sent again: both are
 * retried like any other not-yet.
 */
export async function terminateAndConfirm(api: Ec2Api, instanceId: string, opts: TeardownOptions): Promise<TeardownResult> {
  const { clock } = opts;
  const giveUpAt = clock.now() + opts.confirmTimeoutMs;
  const perCall = opts.callTimeoutMs ?? DEFAULT_TEARDOWN_CALL_MS;
  const result = (r: TeardownResult): TeardownResult => r;
  let delay = 500;
  let lastState = 'unknown';
  let lastError: string | null = null;
  let terminateSent = false;
  let acknowledgedAt: number | null = null;
  let goneAnswers = 0;
  const gone = (): boolean => {
    goneAnswers++;
    return acknowledgedAt !== null && goneAnswers >= GONE.answers && clock.now() - acknowledgedAt >= GONE.afterMs;
  };
  const goneResult = (): TeardownResult => result({ confirmed: true, lastState: 'terminated', error: null, unlisted: true });
  while (true) {
    const bound = Math.max(1, Math.min(perCall, giveUpAt - clock.now()));
    try {
      if (!terminateSent) {
        const state = await withBound(clock, bound, opts.signal, (s) => api.terminateInstance(instanceId, s));
        terminateSent = true;
        if (state === 'shutting-down' || state === 'terminated') {
          acknowledgedAt = clock.now();
          lastState = state;
        }
      }
      const facts = await withBound(clock, Math.max(1, Math.min(perCall, giveUpAt - clock.now())), opts.signal, (s) => api.describeInstance(instanceId, s));
      if (facts) {
        goneAnswers = 0;
        lastState = facts.state;
        if (facts.state === 'terminated') return result({ confirmed: true, lastState, error: null });
      } else if (gone()) {
        return goneResult();
      }
    } catch (err) {
      if (opts.signal?.aborted) return result({ confirmed: false, lastState, error: 'teardown interrupted' });
      const action = terminateSent ? 'DescribeInstances' : 'TerminateInstances';
      if (terminateSent && classifyAwsError(err) === 'not-found' && gone()) return goneResult();
      const kind = (err as Error | null)?.name === 'CallTimedOut' ? 'server' : classifyAwsError(err);
      if (kind === 'terminal' || kind === 'credentials' || kind === 'unknown') {
        return result({ confirmed: false, lastState, error: toLaunchError(err, action).message });
      }
      lastError = kind === 'server' && (err as Error).name === 'CallTimedOut' ? `${action}: ${(err as Error).message}` : toLaunchError(err, action).message;
    }
    if (clock.now() + delay > giveUpAt) {
      return result({ confirmed: false, lastState, error: lastError ?? `still ${lastState} after ${Math.round(opts.confirmTimeoutMs / 1000)}s` });
    }
    try {
      await clock.sleep(delay, opts.signal);
    } catch {
      return result({ confirmed: false, lastState, error: 'teardown interrupted' });
    }
    delay = Math.min(delay * 2, 10_000);
  }
}
