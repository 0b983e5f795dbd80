import { defineRule } from './types.js';

export const sshReachable = defineRule({
  id: 'ssh-reachable',
  meta: {
    description: 'Live only: an SSH handshake with the instance succeeded (skip offline).',
    severity: 'blocker',
    messages: {
      offline: { status: 'skip', text: 'live-only (bootgate launch)' },
      handshake: { status: 'pass', text: 'SSH handshake with {{address}}' },
      noHandshake: { status: 'fail', text: 'port 22 on {{address}} is open but the SSH handshake failed: {{error}}' },
      reset: { status: 'fail', text: 'TCP reset on port 22 of {{address}}: the network is up, sshd is not running' },
      silent: { status: 'fail', text: 'no answer on port 22 of {{address}}: no network (or a security group drops it)' },
      notYet: { status: 'inconclusive', text: 'no SSH answer yet ({{state}})' },
      notTried: { status: 'inconclusive', text: 'no SSH probe was made{{error}}' },
    },
  },
  withoutBoot: true,
  check(_boot, ctx) {
    const ssh = ctx.live?.ssh;
    if (!ssh) return ctx.report({ messageId: 'offline' });
    const address = ssh.address ?? '(no address)';
    if (ssh.handshake) return ctx.report({ messageId: 'handshake', data: { address } });
    if (ssh.tcp === 'not-tried') return ctx.report({ messageId: 'notTried', data: { error: ssh.error ? `: ${ssh.error}` : '' } });
    if (ctx.inProgress && !ssh.settled) return ctx.report({ messageId: 'notYet', data: { state: ssh.tcp } });
    if (ssh.tcp === 'open') return ctx.report({ messageId: 'noHandshake', data: { address, error: ssh.error ?? 'no reason given' } });
    ctx.report({ messageId: ssh.tcp, data: { address } });
  },
});
