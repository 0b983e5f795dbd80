import { Ec2Error } from './ec2-error.js';

/** A hold on an action's calls: held requests wait until released (or the simulator closes). */
export interface Hold {
  /** Requests held so far (answered or not). */
  held(): number;
  /** Resolves once at least `n` requests are held (default 1). */
  waitHeld(n?: number): Promise<void>;
  /** Lets every held request go on, and stops holding new ones. */
  release(): void;
}

export interface HoldOptions {
  /** before: the call has no effect until released; after: it takes effect, only its answer is held. Default before. */
  readonly phase?: 'before' | 'after';
  /** Hold only the next `count` calls (default: every call until released). */
  readonly count?: number;
}

export interface FailOptions {
  readonly status?: number;
  readonly message?: string;
  /** Fail only the next `count` calls (default: every call until removed). */
  readonly count?: number;
  /** Answer the error after the call took effect (RunInstances has started the instance; the caller hears only the error). */
  readonly after?: boolean;
}

/**
 * Fault injection for tests, beside the per-scenario faults: hold an action's calls (an
 * endpoint that takes its time, a request in flight when a signal lands) or answer them with
 * an error (UnauthorizedOperation on TerminateInstances). Action names as in the Query API.
 */
export interface SimFaults {
  hold(action: string, opts?: HoldOptions): Hold;
  /** Answers calls of `action` with error `code` (HTTP 400 unless `status`). Returns a function that removes the fault. */
  fail(action: string, code: string, opts?: FailOptions): () => void;
  /** Answers calls of `action` as if they gave no `Filter.N`, as an emulator that does not implement filters would. Returns a function that removes the fault. */
  ignoreFilters(action: string): () => void;
  /** Answers calls of `action` as if they named no `InstanceId.N`, `ImageId.N` or `InstanceType.N`: everything is listed, as an emulator that ignores the id list would. Returns a function that removes the fault. */
  ignoreIds(action: string): () => void;
  /** Forgets an instance as soon as TerminateInstances has answered for it (DescribeInstances then says InvalidInstanceID.NotFound), as an emulator that deletes terminated instances would; AWS lists them for about an hour. Returns a function that removes the fault. */
  forgetOnTerminate(): () => void;
  /** RunInstances as if it were given no ClientToken: every call starts instances, none is deduplicated or recorded with its token, as an emulator without idempotency would. Returns a function that removes the fault. */
  ignoreClientToken(): () => void;
}

interface HoldRule {
  readonly action: string;
  readonly phase: 'before' | 'after';
  remaining: number;
  count: number;
  released: boolean;
  readonly gate: Promise<void>;
  open(): void;
  readonly waiters: { n: number; resolve: () => void }[];
}

interface FailRule {
  readonly action: string;
  readonly error: () => Ec2Error;
  readonly after: boolean;
  remaining: number;
}

/** The simulator's side: consulted by the HTTP handler around each call. */
export class FaultTable implements SimFaults {
  readonly #holds: HoldRule[] = [];
  readonly #fails: FailRule[] = [];
  readonly #unfiltered: string[] = [];
  readonly #unlisted: string[] = [];
  #forgetting = 0;
  #tokenless = 0;

  hold(action: string, opts: HoldOptions = {}): Hold {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const rule: HoldRule = { action, phase: opts.phase ?? 'before', remaining: opts.count ?? Infinity, count: 0, released: false, gate, open, waiters: [] };
    this.#holds.push(rule);
    return {
      held: () => rule.count,
      waitHeld: (n = 1) => (rule.count >= n ? Promise.resolve() : new Promise<void>((resolve) => rule.waiters.push({ n, resolve }))),
      release: () => {
        rule.released = true;
        rule.open();
        const i = this.#holds.indexOf(rule);
        if (i >= 0) this.#holds.splice(i, 1);
      },
    };
  }

  fail(action: string, code: string, opts: FailOptions = {}): () => void {
    const rule: FailRule = { action, after: opts.after === true, remaining: opts.count ?? Infinity, error: () => new Ec2Error(code, opts.message ?? `${code} (injected by the simulator)`, opts.status ?? 400) };
    this.#fails.push(rule);
    return () => {
      const i = this.#fails.indexOf(rule);
      if (i >= 0) this.#fails.splice(i, 1);
    };
  }

  ignoreFilters(action: string): () => void {
    return pushRemovable(this.#unfiltered, action);
  }

  ignoreIds(action: string): () => void {
    return pushRemovable(this.#unlisted, action);
  }

  forgetOnTerminate(): () => void {
    return counted((d) => (this.#forgetting += d));
  }

  forgetsOnTerminate(): boolean {
    return this.#forgetting > 0;
  }

  ignoreClientToken(): () => void {
    return counted((d) => (this.#tokenless += d));
  }

  /**
   * The call's parameters as the action sees them: without `Filter.N.*` when its filters are
   * ignored, without its id list when that is ignored, RunInstances without its ClientToken when
   * that is ignored (the call log keeps them).
   */
  unfilter(action: string, params: Record<string, string>): Record<string, string> {
    const filters = this.#unfiltered.includes(action);
    const ids = this.#unlisted.includes(action);
    const token = this.#tokenless > 0 && action === 'RunInstances';
    if (!filters && !ids && !token) return params;
    return Object.fromEntries(
      Object.entries(params).filter(([k]) => !(filters && k.startsWith('Filter.')) && !(ids && /^(?:InstanceId|ImageId|InstanceType)\.\d+$/.test(k)) && !(token && k === 'ClientToken')),
    );
  }

  /** Throws the injected error for this call, if any. */
  failure(action: string, phase: 'before' | 'after' = 'before'): void {
    const rule = this.#fails.find((r) => r.action === action && r.remaining > 0 && r.after === (phase === 'after'));
    if (!rule) return;
    rule.remaining--;
    throw rule.error();
  }

  /** Waits while a hold for this action and phase is on. */
  async gate(action: string, phase: 'before' | 'after'): Promise<void> {
    const rule = this.#holds.find((r) => r.action === action && r.phase === phase && !r.released && r.remaining > 0);
    if (!rule) return;
    rule.remaining--;
    rule.count++;
    for (const w of rule.waiters.filter((x) => x.n <= rule.count)) {
      rule.waiters.splice(rule.waiters.indexOf(w), 1);
      w.resolve();
    }
    await rule.gate;
  }

  /** Lets everything go (the simulator is closing). */
  releaseAll(): void {
    for (const r of this.#holds.splice(0)) {
      r.released = true;
      r.open();
    }
    this.#fails.splice(0);
    this.#unfiltered.splice(0);
    this.#unlisted.splice(0);
    this.#forgetting = 0;
    this.#tokenless = 0;
  }
}

/** Counts a fault in (`add(1)`); the function returned counts it out again, once. */
function counted(add: (delta: number) => void): () => void {
  add(1);
  let removed = false;
  return () => {
    if (!removed) add(-1);
    removed = true;
  };
}

/** Adds `action` to `list`; the function returned takes it out again. */
function pushRemovable(list: string[], action: string): () => void {
  list.push(action);
  return () => {
    const i = list.indexOf(action);
    if (i >= 0) list.splice(i, 1);
  };
}
