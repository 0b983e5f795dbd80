import { head } from './head.js';
import { kind } from './kind.js';

/*
 * boot(8) output: the boot loader's lines before a kernel. The assembler holds them until
 * a kernel banner claims them for its boot (or content shows they belong to none).
 */

/** `>> OpenBSD/amd64 BOOT 3.65`, after a reboot sometimes `..>> OpenBSD…`. */
export const LoaderBanner = kind('LoaderBanner', { head: head(/(?:\.\.)?>> OpenBSD/, ['.', '>']), loader: 'loader-banner' });
export const BootPrompt = kind('BootPrompt', { head: head(/boot>/), loader: 'prompt' });
/** `booting hd0a:/bsd: 3928200+1585160+…` */
export const Booting = kind('Booting', { head: head(/booting [^\s:]+:/), loader: 'booting' });
export const EntryPoint = kind('EntryPoint', { head: head(/entry point at 0x/), loader: 'entry-point' });
export const SymbolTable = kind('SymbolTable', { head: head(/\[ using \d+ bytes of/), loader: 'symbol-table' });
export const Copyright = kind('Copyright', { head: head(/Copyright \(c\) \d{4}/), loader: 'copyright' });
export const Regents = kind('Regents', { head: head(/The Regents of the University/), loader: 'copyright' });
export const Probing = kind('Probing', { head: head(/probing:/), loader: 'probing' });
export const DiskList = kind('DiskList', { head: head(/disks?: /), loader: 'disk' });
