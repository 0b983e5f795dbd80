import type { LiveFacts } from '../../src/verdict/types.js';
import { sshReachable } from '../../src/rules/ssh-reachable.js';
import { ruleTester } from './rule-tester.js';
import { XEN_60_OK } from './snippets.js';

const ssh = (s: Partial<NonNullable<LiveFacts['ssh']>>): LiveFacts => ({
  ssh: { tcp: 'open', handshake: false, hostKeySha256: null, address: '127.0.0.1', error: null, ...s },
});

ruleTester(sshReachable, {
  valid: [
    { name: 'handshake', code: XEN_60_OK, live: ssh({ handshake: true }) },
    { name: 'handshake even with no console at all', code: '', live: ssh({ handshake: true }) },
  ],
  invalid: [
    { name: 'offline', code: XEN_60_OK, reports: [{ status: 'skip', messageId: 'offline' }] },
    { name: 'port open, handshake failed', code: XEN_60_OK, live: ssh({ error: 'kex timeout' }), reports: [{ status: 'fail', messageId: 'noHandshake' }], message: 'kex timeout' },
    { name: 'reset: sshd not running', code: XEN_60_OK, live: ssh({ tcp: 'reset' }), reports: [{ status: 'fail', messageId: 'reset' }] },
    { name: 'silent: no network', code: XEN_60_OK, live: ssh({ tcp: 'silent' }), reports: [{ status: 'fail', messageId: 'silent' }] },
    { name: 'silent while booting (live)', code: XEN_60_OK, live: ssh({ tcp: 'silent' }), inProgress: true, reports: [{ status: 'inconclusive', messageId: 'notYet' }] },
    { name: 'reset settled by the launcher while booting (live)', code: XEN_60_OK, live: ssh({ tcp: 'reset', settled: true }), inProgress: true, reports: [{ status: 'fail', messageId: 'reset' }] },
    { name: 'silence settled by the launcher while booting (live)', code: XEN_60_OK, live: ssh({ tcp: 'silent', settled: true }), inProgress: true, reports: [{ status: 'fail', messageId: 'silent' }] },
    { name: 'not tried', code: XEN_60_OK, live: ssh({ tcp: 'not-tried', error: 'no public address' }), reports: [{ status: 'inconclusive', messageId: 'notTried' }] },
  ],
});
