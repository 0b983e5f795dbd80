import { BootgateError } from '../errors.js';

/** An AWS call failed in a way the launcher does not retry. Keeps the AWS error name and request id. */
export class LaunchError extends BootgateError {
  override readonly name: string = 'LaunchError';
  constructor(
    message: string,
    readonly code: string,
    readonly requestId: string | null,
    readonly action: string,
    /** Capacity, throttling, permissions: not the image's fault. */
    readonly infrastructure: boolean,
  ) {
    super(message);
  }
}

/** Pre-flight found the image cannot work on this instance type (or --strict-preflight refused a warning). */
export class PreflightError extends BootgateError {
  override readonly name: string = 'PreflightError';
}

/** Why the run's AbortSignal fired. */
export class DeadlineError extends BootgateError {
  override readonly name: string = 'DeadlineError';
  constructor(readonly timeoutMs: number) {
    super(`deadline of ${timeoutMs}ms reached`);
  }
}

export class InterruptedError extends BootgateError {
  override readonly name: string = 'InterruptedError';
  constructor(readonly signalName: string) {
    super(`interrupted by ${signalName}`);
  }
}

/** A wait (a poll until done) ran out of time. The message names what was awaited, for how long, and the last console lines. */
export class WaitTimeoutError extends BootgateError {
  override readonly name: string = 'WaitTimeoutError';
  constructor(
    readonly awaited: string,
    readonly waitedMs: number,
    readonly lastReason: string | null,
    readonly lastConsoleLines: readonly string[],
    override readonly cause?: unknown,
  ) {
    super(
      `timed out after ${Math.round(waitedMs / 1000)}s waiting for ${awaited}` +
        (lastReason ? ` (last: ${lastReason})` : '') +
        (lastConsoleLines.length > 0 ? `; last console lines:\n  ${lastConsoleLines.join('\n  ')}` : '; no console output seen'),
    );
  }
}
