import { EC2Client } from '@aws-sdk/client-ec2';
import { ed25519KeyPair } from '../../src/net/ed25519-key.js';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../src/sim/index.js';

/** A simulator plus a real SDK client pointed at it. */
export async function simWithClient(opts: SimulatorOptions = {}): Promise<{ sim: Simulator; ec2: EC2Client }> {
  const sim = await startSimulator(opts);
  const ec2 = new EC2Client({ endpoint: sim.endpoint, region: sim.region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  return { sim, ec2 };
}

/** An ed25519 key pair in OpenSSH format, as a user would import it. */
export function userKey(): { private: string; public: string } {
  return ed25519KeyPair();
}

/** A controllable clock for the simulator. */
export function manualClock(start = 1_700_000_000_000): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => { t += ms; } };
}
