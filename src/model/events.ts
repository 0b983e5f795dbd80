import type { Source } from './source.js';

/** rc(8) and kernel events found in one boot, each carrying its line. Discriminated by `type`. */
export type BootEvent =
  | AutobootEvent
  | FsckEvent
  | NetworkStartEvent
  | DhcpDiscoverEvent
  | DhcpOfferEvent
  | DhcpRequestEvent
  | DhcpAckEvent
  | DhcpLeaseEvent
  | DhcpNoOfferEvent
  | SshKeygenEvent
  | DaemonsEvent
  | FirsttimeEvent
  | FingerprintBannerEvent
  | SshdFingerprintEvent
  | LoginBannerEvent
  | LoginPromptEvent
  | InstallerPromptEvent
  | InstallerAutoEvent
  | PanicEvent
  | TrapEvent
  | StoppedAtEvent
  | DdbPromptEvent
  | SyncingDisksEvent
  | RebootingEvent
  | InitDiedEvent
  | ConsoleOpenFailedEvent
  | RootDevEvent;

export interface AutobootEvent extends Source { readonly type: 'autoboot' }

/** fsck_ffs(8) result for one file system. */
export interface FsckEvent extends Source {
  readonly type: 'fsck';
  readonly device: string;
  /** "clean" (file system is clean; not checking) or "checked" (fsck ran: phase/summary lines). */
  readonly result: 'clean' | 'checked';
}

export interface NetworkStartEvent extends Source { readonly type: 'network-start' }

/** dhclient(8) ≤6.2 */
export interface DhcpDiscoverEvent extends Source { readonly type: 'dhcp-discover'; readonly interface: string }
export interface DhcpOfferEvent extends Source { readonly type: 'dhcp-offer'; readonly server: string | null }
export interface DhcpRequestEvent extends Source { readonly type: 'dhcp-request'; readonly interface: string }
export interface DhcpAckEvent extends Source { readonly type: 'dhcp-ack'; readonly server: string | null }
/**
 * A lease: `bound to A -- renewal in N seconds.` (dhclient ≤6.2),
 * `xnf0: bound to A from B (mac)` (6.3–6.5), `xnf0: A lease accepted from B (mac)` (6.6–6.9).
 * Fields the log does not show (anonymised or stripped) are null.
 */
export interface DhcpLeaseEvent extends Source {
  readonly type: 'dhcp-lease';
  readonly interface: string | null;
  readonly address: string | null;
  readonly server: string | null;
  readonly style: 'bound-renewal' | 'bound-from' | 'lease-accepted';
}
/** `No acceptable DHCPOFFERS received.` (old dhclient) */
export interface DhcpNoOfferEvent extends Source { readonly type: 'dhcp-no-offer'; readonly interface: string | null }

/** `ssh-keygen: generating new host keys: RSA DSA ECDSA ED25519` */
export interface SshKeygenEvent extends Source { readonly type: 'ssh-keygen'; readonly keyTypes: readonly string[] }

/** `starting network daemons: sshd smtpd.` and its early/RPC/local siblings. */
export interface DaemonsEvent extends Source {
  readonly type: 'daemons';
  readonly phase: string;
  readonly names: readonly string[];
}

/** `running rc.firsttime` */
export interface FirsttimeEvent extends Source { readonly type: 'rc-firsttime' }

export interface FingerprintKey extends Source {
  readonly bits: number;
  /** "SHA256:J7GMuH…" (or "MD5:…" style as printed). */
  readonly fingerprint: string;
  readonly comment: string | null;
  /** "ED25519", "ECDSA", "RSA", "DSA". */
  readonly keyType: string;
}

/** The first-boot fingerprint banner written through `logger -s -t <tag>` (ec2-init). */
export interface FingerprintBannerEvent extends Source {
  readonly type: 'fingerprint-banner';
  /** The logger tag ("ec2"), or null when the lines carry none. */
  readonly tag: string | null;
  /** BEGIN/END SSH HOST KEY FINGERPRINTS markers present. */
  readonly markers: boolean;
  /** False when the banner was cut off (no closing marker/rule line). */
  readonly complete: boolean;
  readonly endLine: number;
  readonly keys: readonly FingerprintKey[];
}

/** OpenBSD 7.7+ sshd prints `sshd: (ED25519) SHA256:…` itself. */
export interface SshdFingerprintEvent extends Source {
  readonly type: 'sshd-fingerprint';
  readonly keyType: string;
  readonly fingerprint: string;
}

/** `OpenBSD/amd64 (ip-10-0-0-251.eu-central-1.compute.internal) (tty00)` */
export interface LoginBannerEvent extends Source {
  readonly type: 'login-banner';
  readonly arch: string;
  readonly host: string | null;
  readonly tty: string | null;
}
export interface LoginPromptEvent extends Source { readonly type: 'login-prompt' }

/** The installer's question on bsd.rd: `(I)nstall, (U)pgrade, (A)utoinstall or (S)hell? ` (before 5.5 without Autoinstall). */
export interface InstallerPromptEvent extends Source { readonly type: 'installer-prompt' }
/** The installer going on by itself: `Starting non-interactive mode in 5 seconds...`, `Performing non-interactive install...`. */
export interface InstallerAutoEvent extends Source { readonly type: 'installer-auto' }

export interface PanicEvent extends Source { readonly type: 'panic'; readonly message: string }
/** `uvm_fault(…) -> e`, `kernel: page fault trap, code=0`, `fatal protection fault in supervisor mode`. */
export interface TrapEvent extends Source { readonly type: 'trap'; readonly message: string }
export interface StoppedAtEvent extends Source { readonly type: 'stopped-at'; readonly symbol: string }
/** `ddb>` or `ddb{1}>` */
export interface DdbPromptEvent extends Source { readonly type: 'ddb-prompt'; readonly cpu: number | null }
export interface SyncingDisksEvent extends Source { readonly type: 'syncing-disks'; readonly done: boolean }
export interface RebootingEvent extends Source { readonly type: 'rebooting' }
export interface InitDiedEvent extends Source { readonly type: 'init-died' }
/** `init: can't open /dev/console: Device not configured` (no serial console attached). */
export interface ConsoleOpenFailedEvent extends Source { readonly type: 'console-open-failed' }

/** Old kernels (2.x, VAX 3.x) name the root only as a device number: `rootdev=0x420 rrootdev=0xd20 rawdev=0xd22`. */
export interface RootDevEvent extends Source { readonly type: 'root-dev'; readonly dev: string }

export type BootEventType = BootEvent['type'];
export type EventOf<T extends BootEventType> = Extract<BootEvent, { type: T }>;
