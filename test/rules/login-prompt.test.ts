import { loginPrompt } from '../../src/rules/login-prompt.js';
import { ruleTester } from './rule-tester.js';
import { XEN_60_OK, lineOf, upTo, withoutLines } from './snippets.js';

const STALLED = upTo(XEN_60_OK, 'starting early daemons');
const NO_CONSOLE = `${upTo(XEN_60_OK, 'root on')}\ninit: can't open /dev/console: Device not configured\ninit: can't open /dev/console: Device not configured`;

ruleTester(loginPrompt, {
  valid: [
    { name: 'login banner and prompt', code: XEN_60_OK },
    // The seed console ends at the banner line with its hostname stripped: still multi-user.
    { name: 'banner without login:', code: withoutLines(XEN_60_OK, /^login:/).replace(/\(ip-[^)]*\) \(tty00\)/, '( (tty00)') },
  ],
  invalid: [
    { name: 'rc stops before multi-user', code: STALLED, reports: [{ status: 'fail', messageId: 'stopped', line: lineOf(STALLED, 'starting early daemons') }] },
    { name: 'not yet (live)', code: STALLED, inProgress: true, reports: [{ status: 'inconclusive', messageId: 'notYet' }] },
    { name: 'dmesg ending at root on', code: upTo(XEN_60_OK, 'root on'), reports: [{ status: 'inconclusive', messageId: 'dmesgOnly', line: lineOf(XEN_60_OK, 'root on') }] },
    { name: 'init cannot open the console', code: NO_CONSOLE, reports: [{ status: 'fail', messageId: 'noConsole', line: lineOf(NO_CONSOLE, "can't open /dev/console") }] },
  ],
});
