import { head, shortHead } from './head.js';
import { eventKind, kind } from './kind.js';
import { listAfterColon } from './text.js';

/* Userland start-up: init(8), rc(8) and what it runs, getty(8)'s banner and prompt. */

/** init(8) without a console (`… Device not configured`, but no ` at <dev>`: not an Unconfigured line). */
export const ConsoleOpenFailed = eventKind('ConsoleOpenFailed', head(/init: can't open \/dev\/console/), (line, text) => ({ type: 'console-open-failed', line, text }));

export const Autoboot = eventKind('Autoboot', head(/Automatic boot in progress/), (line, text) => ({ type: 'autoboot', line, text }));

/** `/dev/sd0a: file system not clean; please fsck(8)`: printed by the kernel, not by fsck(8). */
const NOT_CLEAN_WARNING = /^\/dev\/\S+: file system not clean; please fsck/;

/** `/dev/rwd0a: file system is clean; not checking` → device and whether fsck ran. */
export function fsck(text: string): { device: string; result: 'clean' | 'checked' } {
  const m = /^(?:\*\* )?(\/dev\/\S+?)(?::|\s|$)/.exec(text);
  return { device: m ? m[1]! : text, result: /file system is clean/.test(text) ? 'clean' : 'checked' };
}

/** fsck(8): `/dev/rwd0a: file system is clean; not checking`, `/dev/sd0a (duid.a): …`, `** /dev/rsd0a`. */
export const Fsck = kind('Fsck', {
  head: head(/(?:\*\* )?\/dev\/r?[a-z]+\d+[a-p]/, ['*', '/']),
  build: (a, boot, line, text) => {
    // The kernel's own warning when it mounts a dirty root read-only; no fsck(8) ran.
    if (NOT_CLEAN_WARNING.test(text)) return a.other(boot, line, text);
    const r = fsck(text);
    boot.events.push({ type: 'fsck', line, text, device: r.device, result: r.result });
  },
});

export const StartingNetwork = eventKind('StartingNetwork', head(/starting network(?=[ \t\r]*\n)/), (line, text) => ({ type: 'network-start', line, text }));

/** `starting network daemons:` → "network"; `starting daemons:` → "". */
export function daemonPhase(text: string): string {
  const m = /^starting ([\w ]{0,40}?)\s*daemons:/.exec(text);
  return m ? m[1]!.trim() : '';
}

/** `starting network daemons: sshd smtpd.` and its early/RPC/local siblings. */
export const Daemons = eventKind('Daemons', head(/starting [\w ]{0,40}daemons:/), (line, text) => ({
  type: 'daemons',
  line,
  text,
  phase: daemonPhase(text),
  names: listAfterColon(text),
}));

export const Firsttime = eventKind('Firsttime', head(/running rc\.firsttime/), (line, text) => ({ type: 'rc-firsttime', line, text }));

/** `ssh-keygen: generating new host keys: RSA DSA ECDSA ED25519` */
export const SshKeygen = eventKind('SshKeygen', head(/ssh-keygen: generating new host keys:/), (line, text) => ({
  type: 'ssh-keygen',
  line,
  text,
  keyTypes: listAfterColon(text),
}));

/** `OpenBSD/amd64 (ip-10-0-0-251.eu-central-1.compute.internal) (tty00)`; the seed's stripped `OpenBSD/amd64 ( (tty00)`. */
export function loginBanner(text: string): { arch: string; host: string | null; tty: string | null } | null {
  const m = /^OpenBSD\/([^\s(]+) \((.*)$/.exec(text);
  if (!m) return null;
  let rest = m[2]!.trim();
  let tty: string | null = null;
  const t = /\(([^()\s]*)\)$/.exec(rest);
  if (t) {
    tty = t[1] || null;
    rest = rest.slice(0, t.index).trim();
  }
  const host = rest.replace(/\)$/, '').trim();
  return { arch: m[1]!, host: host === '' ? null : host, tty };
}

export const LoginBanner = kind('LoginBanner', {
  head: head(/OpenBSD\/[a-z0-9_]+ \(/),
  build: (a, boot, line, text) => {
    const l = loginBanner(text);
    if (l) boot.events.push({ type: 'login-banner', line, text, ...l });
    else a.other(boot, line, text);
  },
});

/**
 * getty(8) `login:` is the one head that does not run to the line end: output
 * glued after the prompt (`login: syncing disks... done`, `login: uvm_fault(…)`)
 * is lexed as a line of its own.
 */
/**
 * bsd.rd's installer asks what to do and waits for an answer; with an autoinstall response file
 * it says it goes on by itself first. The question has no line end until something is typed,
 * and other output may be glued after it.
 */
export const InstallerPrompt = eventKind('InstallerPrompt', shortHead(/\(I\)nstall, \(U\)pgrade(?:, \(A\)utoinstall)? or \(S\)hell\? ?/), (line, text) => ({ type: 'installer-prompt', line, text }));

export const InstallerAuto = eventKind('InstallerAuto', head(/(?:Starting non-interactive mode|Performing non-interactive (?:install|upgrade))/, ['S', 'P']), (line, text) => ({ type: 'installer-auto', line, text }));

export const LoginPrompt = eventKind('LoginPrompt', shortHead(/login: ?/), (line, text) => ({ type: 'login-prompt', line, text }));
