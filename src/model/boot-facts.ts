import type { Boot, BootModel } from './boot-model.js';
import type { BootEventType } from './events.js';
import type { Source } from './source.js';
import { judgedBoot } from './queries.js';
import { parseRelease, type Release } from './release.js';

/** What several rules and diagnoses ask about the judged boot, computed once. */
export interface BootFacts {
  readonly boot: Boot | null;
  readonly release: Release | null;
  /** rc(8) output began (fsck, network, daemons, banner, login). */
  readonly rcStarted: boolean;
  /** Autoconf is over: a `root on` line, a `root device:` prompt, rc output, or a later boot. */
  readonly attachOver: boolean;
  /** First line proving multi-user: the `OpenBSD/amd64 (host) (tty00)` banner or `login:`. */
  readonly multiUser: Source | null;
  /** The last line the judged boot printed. */
  readonly lastLine: Source | null;
}

export const RC_EVENTS: ReadonlySet<BootEventType> = new Set<BootEventType>([
  'autoboot', 'fsck', 'network-start', 'dhcp-discover', 'dhcp-offer', 'dhcp-request', 'dhcp-ack', 'dhcp-lease',
  'dhcp-no-offer', 'ssh-keygen', 'daemons', 'rc-firsttime', 'fingerprint-banner', 'sshd-fingerprint',
  'login-banner', 'login-prompt',
]);

export function bootFacts(model: BootModel): BootFacts {
  const boot = judgedBoot(model);
  if (boot === null) return { boot, release: null, rcStarted: false, attachOver: false, multiUser: null, lastLine: null };
  const rcStarted = boot.events.some((e) => RC_EVENTS.has(e.type));
  const multiUser = boot.events.find((e) => e.type === 'login-banner' || e.type === 'login-prompt') ?? null;
  let last: Source | null | undefined;
  return {
    boot,
    release: parseRelease(boot.kernel.version, boot.kernel.suffix),
    rcStarted,
    attachOver: boot.root !== null || boot.rootPrompts.length > 0 || rcStarted || boot.events.some((e) => e.type === 'root-dev'),
    multiUser,
    // Only failing boots ask for it: computed on first use.
    get lastLine() {
      if (last === undefined) last = lastLineOf(boot);
      return last;
    },
  };
}

function lastLineOf(boot: Boot): Source | null {
  let last: Source | null = null;
  const consider = (s: Source | null | undefined): void => {
    if (s && (last === null || s.line >= last.line)) last = s;
  };
  for (const list of [boot.devices, boot.unconfigured, boot.events, boot.other, boot.rootPrompts, boot.loader] as const) {
    consider(list[list.length - 1]);
  }
  for (const d of boot.devices) consider(d.details[d.details.length - 1]);
  consider(boot.root);
  for (const p of boot.panics) {
    consider(p);
    consider(p.frames[p.frames.length - 1]);
  }
  return last;
}

/**
 * bsd.rd's installer waiting for an answer: the judged boot's last line is its question
 * (`(I)nstall, (U)pgrade, (A)utoinstall or (S)hell?`) and it did not say it goes on by itself
 * (`Starting non-interactive mode…`, an autoinstall response file). On a console nobody types
 * on, nothing more will come. The question's line, or null.
 */
export function installerWaiting(facts: BootFacts): Source | null {
  const boot = facts.boot;
  if (boot === null || boot.events.some((e) => e.type === 'installer-auto')) return null;
  const prompt = boot.events.findLast((e) => e.type === 'installer-prompt');
  if (prompt === undefined) return null;
  const last = facts.lastLine;
  return last !== null && last.line > prompt.line ? null : prompt;
}
