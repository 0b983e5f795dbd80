import type { Ec2Api } from '../../src/launcher/ec2.js';
import type { LaunchOptions } from '../../src/launcher/run-launch.js';

/** A fake EC2 whose one Xen instance runs at once and whose console is `consoleText`, whole, at every poll. */
export function ec2Serving(consoleText: string, over: Partial<Ec2Api> = {}): Ec2Api {
  return {
    describeImage: async (id) => ({ id, name: 'openbsd-7.6', architecture: 'x86_64', bootMode: 'legacy-bios', enaSupport: false, sriovNetSupport: null }),
    describeInstanceType: async (type) => ({ type, hypervisor: 'xen', enaSupport: 'unsupported', architectures: ['x86_64'], bootModes: ['legacy-bios'] }),
    runInstance: async () => 'i-1',
    describeInstance: async (id) => ({ id, state: 'running', privateIp: '127.0.0.9', publicIp: '127.0.0.9', launchTime: null }),
    getConsoleOutput: async () => ({ bytes: new TextEncoder().encode(consoleText), timestamp: null }),
    terminateInstance: async () => 'shutting-down',
    importKeyPair: async () => undefined,
    deleteKeyPair: async () => undefined,
    findTaggedInstances: async () => [],
    ...over,
  };
}

/** A console-only launch (no SSH) with a 20-minute deadline and 5 s polls. */
export const CONSOLE_ONLY: LaunchOptions = {
  amiId: 'ami-1', instanceType: 't2.micro', region: 'us-east-1', runId: 'run1', subnetId: null, securityGroupIds: [], keyName: null, privateKey: null,
  ssh: false, sshUser: 'root', sshAddress: 'public', sshPort: 22, imdsTokens: 'optional', timeoutMs: 1_200_000, pollIntervalMs: 5000,
  keepOnFailure: false, strictPreflight: false, tags: {}, loopbackOnly: true, teardownTimeoutMs: 1000,
};
