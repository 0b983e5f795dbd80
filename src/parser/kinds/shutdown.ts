import { shortHead } from './head.js';
import { eventKind } from './kind.js';

/*
 * reboot(8)'s messages end where their text ends, not at the line end: the next boot's
 * loader or kernel banner may follow on the same line when no newline was printed
 * (`syncing disks... OpenBSD 7.2 (RAMDISK_CD) #378: …`), and is lexed as a line of its own.
 */
export const SyncingDisks = eventKind('SyncingDisks', shortHead(/syncing disks\.\.\.(?:[ \d]*(?:done|giving up))?/, ['s']), (line, text) => ({
  type: 'syncing-disks',
  line,
  text,
  done: /\bdone\b/.test(text),
}));

export const Rebooting = eventKind('Rebooting', shortHead(/rebooting\.\.\./), (line, text) => ({ type: 'rebooting', line, text }));
