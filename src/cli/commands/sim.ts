import type { Command } from 'commander';
import { ConfigError } from '../../errors.js';

export interface SimCommandOptions { port: string; host: string; speed: string; region: string; packerManifest?: string }

function parseNumber(flag: string, raw: string): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n)) throw new ConfigError(`${flag} must be a number, not '${raw}'`);
  return n;
}

function untilSignal(): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** Runs the simulator until `until` settles, printing its catalogue; the action wires it to signals. */
export async function runSim(opts: SimCommandOptions, io: { out: (s: string) => void; err: (s: string) => void; until: () => Promise<void> }): Promise<void> {
  const port = parseNumber('--port', opts.port);
  const speed = parseNumber('--speed', opts.speed);
  if (opts.region.trim() === '') throw new ConfigError('--region: empty region name');
  const { startSimulator, SCENARIOS } = await import('../../sim/index.js');
  const healthy = SCENARIOS.find((s) => s.expect.verdict === 'pass')!;
  if (opts.packerManifest !== undefined) {
    const path = opts.packerManifest;
    const { simPackerManifest } = await import('../../sim/packer-manifest.js');
    const { writeFile } = await import('node:fs/promises');
    const regions = [...new Set([opts.region, 'eu-west-1'])];
    await writeFile(path, `${JSON.stringify(simPackerManifest(healthy.amiId, regions), null, 2)}\n`).catch((err: NodeJS.ErrnoException) => {
      throw new ConfigError(`--packer-manifest: cannot write ${path}: ${err.code ?? err.message}`);
    });
  }
  const sim = await startSimulator({ host: opts.host, port, speed, region: opts.region });
  try {
    io.out(`endpoint   ${sim.endpoint}\nregion     ${sim.region}\nssh port   ${sim.sshPort}\nspeed      ${speed} simulated s per s\n`);
    io.out(`regions    ${sim.regions.join(' ')} (each its own instances and key pairs; a client's --region picks one)\n\n`);
    io.out('AMI                    TYPE       EXPECT                            SCENARIO\n');
    for (const s of SCENARIOS) {
      const expect = s.expect.diagnoses.length > 0 ? `${s.expect.verdict}: ${s.expect.diagnoses.join(',')}` : s.expect.verdict;
      io.out(`${s.amiId}  ${s.instanceType.padEnd(9)}  ${expect.padEnd(32)}  ${s.id}: ${s.title}\n`);
    }
    io.out(`\ntry: bootgate launch --endpoint-url ${sim.endpoint} --region ${sim.region} --ssh-port ${sim.sshPort} --ami ${SCENARIOS[0]?.amiId ?? ''}\n`);
    if (opts.packerManifest !== undefined) {
      io.out(`try: bootgate launch --endpoint-url ${sim.endpoint} --ssh-port ${sim.sshPort} --packer-manifest ${opts.packerManifest} --instance-type ${healthy.instanceType},m5.large\n`);
    }
    io.out('any credentials work (AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test); Ctrl-C stops the simulator.\n');
    await io.until();
  } finally {
    const left = sim.runningCount();
    await sim.close();
    io.err(`simulator stopped${left > 0 ? `; ${left} simulated instance(s) were still running (nothing real was touched)` : ''}\n`);
  }
}

export function registerSim(program: Command): void {
  program
    .command('sim')
    .description('Run the local EC2 simulator on loopback (scenario AMIs, consoles, SSH) until SIGINT/SIGTERM')
    .option('--port <n>', 'HTTP port for the EC2 endpoint (0 = any free port)', '0')
    .option('--host <addr>', 'listen address, inside 127.0.0.0/8', '127.0.0.1')
    .option('--speed <x>', 'simulated seconds per real second', '10')
    .option('--region <name>', 'region the endpoint names (every region in the list it prints is served)', 'us-east-1')
    .option('--packer-manifest <file>', 'also write a Packer manifest whose last build is a healthy scenario AMI copied to --region and eu-west-1, for `launch --packer-manifest`')
    .action(async (opts: SimCommandOptions) => {
      // Subscribe before starting, so a signal during startup is not lost.
      const signalled = untilSignal();
      await runSim(opts, { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s), until: () => signalled });
    });
}
