import { classifyAwsError, toLaunchError } from '../aws-errors.js';
import type { Ec2Api, InstanceFacts } from '../ec2.js';
import { ready, retry, waiting, type WaitContext, type WaitStatus, type WaitStrategy } from './strategy.js';

/** The instance left on its own (shut down, terminated, stopped) before a verdict. */
export class InstanceGoneError extends Error {
  constructor(
    readonly state: string,
    /** EC2's StateReason, when it gave one. */
    readonly stateReason: { readonly code: string; readonly message: string } | null = null,
  ) {
    super(`instance ${state}`);
  }
}

export interface InstanceStateOptions {
  readonly ec2: Ec2Api;
  readonly instanceId: string;
  readonly sshAddress: 'public' | 'private';
  /** Called with the address SSH would use, before anyone may connect to it (the loopback guard). */
  readonly onAddress?: (address: string) => void;
  /** Once running, describe again this often (clock ms) to notice the instance ending on its own; never when absent. */
  readonly recheckMs?: number;
}

/**
 * DescribeInstances until the instance is `running` (and once more after, and then every
 * `recheckMs`, to notice it going away: EC2 giving up on it, the guest powering off): its
 * state, and the address SSH will use.
 */
export class InstanceStateWait implements WaitStrategy {
  readonly name = 'instance-state';
  state = 'pending';
  address: string | null = null;
  securityGroupIds: readonly string[] = [];
  /** DescribeInstances has answered at least once. */
  described = false;
  /** The last retried failure (throttling, 5xx), for a timeout's reason. */
  lastError: string | null = null;
  #pendingSince: number | null = null;
  #describedAt = 0;

  constructor(private readonly o: InstanceStateOptions) {}

  async check(ctx: WaitContext): Promise<WaitStatus> {
    const { clock, timeline, progress } = ctx;
    const recheck = this.state === 'running' && this.described;
    if (recheck && (this.o.recheckMs === undefined || clock.now() - this.#describedAt < this.o.recheckMs)) return ready;
    this.#pendingSince ??= clock.now();
    let facts: InstanceFacts | null;
    try {
      facts = await timeline.api('DescribeInstances', () => this.o.ec2.describeInstance(this.o.instanceId, ctx.signal));
    } catch (err) {
      // A failed second look at a running instance changes nothing: the console goes on deciding.
      if (recheck && !ctx.signal.aborted) return ready;
      const kind = classifyAwsError(err);
      if (kind === 'not-found') return retry('instance not visible yet (eventual consistency)');
      if (kind === 'throttled' || kind === 'server') {
        this.lastError = toLaunchError(err, 'DescribeInstances').message;
        return retry(this.lastError);
      }
      throw toLaunchError(err, 'DescribeInstances');
    }
    this.described = true;
    this.#describedAt = clock.now();
    if (facts && facts.state !== this.state) {
      if (facts.state === 'running') {
        timeline.add('running', `pending→running ${clock.now() - this.#pendingSince}ms`);
        this.address = this.o.sshAddress === 'public' ? (facts.publicIp ?? facts.privateIp) : facts.privateIp;
        this.securityGroupIds = facts.securityGroupIds ?? [];
        if (this.address) this.o.onAddress?.(this.address);
      } else timeline.add('state', facts.state);
      progress('state', `${this.o.instanceId} ${facts.state}${facts.state === 'running' && this.address ? ` at ${this.address}` : ''}`);
      this.state = facts.state;
      if (this.state === 'pending') this.#pendingSince = clock.now();
    }
    if (this.state === 'shutting-down' || this.state === 'terminated' || this.state === 'stopped') throw new InstanceGoneError(this.state, facts?.stateReason ?? null);
    return this.state === 'running' ? ready : waiting(`instance ${this.state}`);
  }
}
