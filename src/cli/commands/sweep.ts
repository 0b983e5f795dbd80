import type { Command } from 'commander';
import { ConfigError } from '../../errors.js';
import { EXIT } from '../../verdict/exit-codes.js';
import { addOutputOptions, type OutputFlags } from '../output-options.js';

interface SweepFlags extends OutputFlags {
  olderThan?: string;
  runId?: string;
  dryRun: boolean;
  region?: string;
  profile?: string;
  endpointUrl?: string;
}

export function registerSweep(program: Command): void {
  const cmd = program
    .command('sweep')
    .description('terminate leftover bootgate instances (tag bootgate:run-id) one id at a time, then delete their bootgate-* key pairs')
    .option('--older-than <duration>', 'only instances launched (key pairs created) longer ago than this (default 2h; 0s with --run-id)')
    .option('--run-id <id>', 'only the leftovers of this run (the id launch prints), whatever their age')
    .option('--dry-run', 'list what would be terminated, terminate nothing', false)
    .option('--region <region>', 'AWS region (default: AWS_REGION / profile)')
    .option('--profile <name>', 'AWS shared-config profile')
    .option('--endpoint-url <url>', 'EC2 endpoint (e.g. the bootgate simulator)');
  addOutputOptions(cmd, ['human', 'json'], { help: 'human | json (one object per instance and line)' })
    .action(async (flags: SweepFlags) => {
      const json = flags.format === 'json';
      const { createEc2, clientOptionsFromFlags, sweep, parseDuration, systemClock, formatDuration, isLoopbackEndpoint } = await import('../../launcher/index.js');
      if (flags.runId !== undefined && !/^[A-Za-z0-9-]{1,64}$/.test(flags.runId)) throw new ConfigError(`--run-id: "${flags.runId}" is not a run id (8 hex digits, as launch prints it)`);
      const olderThanMs = parseDuration(flags.olderThan ?? (flags.runId !== undefined ? '0s' : '2h'), '--older-than');
      isLoopbackEndpoint(flags.endpointUrl); // validates the URL
      if (olderThanMs < 0) throw new ConfigError('--older-than must not be negative');
      const out = await (await import('../output.js')).openSink(flags.output);
      const { api, region, client } = await createEc2(clientOptionsFromFlags(flags));
      // Lines go out as the sweep goes; a failing output is reported after it, never stops it half way.
      let written = Promise.resolve();
      try {
        const items = await sweep(api, {
          olderThanMs,
          ...(flags.runId !== undefined ? { runId: flags.runId } : {}),
          dryRun: flags.dryRun,
          clock: systemClock,
          onItem: (i) => {
            const line = json ? JSON.stringify(i) + '\n' : `${i.id}  run ${i.runId || '?'}  ${i.state}  age ${i.ageMs === null ? '?' : formatDuration(i.ageMs)}  ${i.action}\n`;
            written = written.then(() => out.write(line));
            written.catch(() => undefined); // handled: awaited after the sweep
          },
        });
        if (!json) {
          const instances = items.filter((i) => i.state !== 'key-pair');
          const keys = items.filter((i) => i.state === 'key-pair');
          const acted = instances.filter((i) => i.action === 'terminated' || i.action === 'would terminate').length;
          const deleted = keys.filter((i) => i.action === 'deleted' || i.action === 'would delete').length;
          process.stderr.write(
            `${instances.length} bootgate instance(s) in ${region}; ${flags.dryRun ? 'would terminate' : 'terminated'} ${acted}; ` +
              `${keys.length} key pair(s), ${flags.dryRun ? 'would delete' : 'deleted'} ${deleted}\n`,
          );
        }
        const failed = items.filter((i) => !i.ok);
        if (failed.length > 0) process.stderr.write(`bootgate: NOT CLEANED: ${failed.map((i) => i.id).join(', ')}\n`);
        process.exitCode = failed.length > 0 ? EXIT.error : EXIT.pass;
        await written;
        await out.close();
      } finally {
        client.destroy();
      }
    });
}
