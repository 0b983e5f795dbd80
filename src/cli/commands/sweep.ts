import type { Command } from 'commander';
import { ConfigError } from '../../errors.js';
import { EXIT } from '../../verdict/exit-codes.js';
import { addOutputOptions, type OutputFlags } from '../output-options.js';

interface SweepFlags extends OutputFlags {
  olderThan: string;
  dryRun: boolean;
  region?: string;
  profile?: string;
  endpointUrl?: string;
}

export function registerSweep(program: Command): void {
  const cmd = program
    .command('sweep')
    .description('terminate leftover bootgate instances (tag bootgate:run-id), one id at a time')
    .option('--older-than <duration>', 'only instances launched longer ago than this', '2h')
    .option('--dry-run', 'list what would be terminated, terminate nothing', false)
    .option('--region <region>', 'AWS region (default: AWS_REGION / profile)')
    .option('--profile <name>', 'AWS shared-config profile')
    .option('--endpoint-url <url>', 'EC2 endpoint (e.g. the bootgate simulator)');
  addOutputOptions(cmd, ['human', 'json'], { help: 'human | json (one object per instance and line)' })
    .action(async (flags: SweepFlags) => {
      const json = flags.format === 'json';
      const { createEc2, clientOptionsFromFlags, sweep, parseDuration, systemClock, formatDuration, isLoopbackEndpoint } = await import('../../launcher/index.js');
      const olderThanMs = parseDuration(flags.olderThan, '--older-than');
      isLoopbackEndpoint(flags.endpointUrl); // validates the URL
      if (olderThanMs < 0) throw new ConfigError('--older-than must not be negative');
      const out = await (await import('../output.js')).openSink(flags.output);
      const { api, region, client } = await createEc2(clientOptionsFromFlags(flags));
      // Lines go out as the sweep goes; a failing output is reported after it, never stops it half way.
      let written = Promise.resolve();
      try {
        const items = await sweep(api, {
          olderThanMs,
          dryRun: flags.dryRun,
          clock: systemClock,
          onItem: (i) => {
            const line = json ? JSON.stringify(i) + '\n' : `${i.id}  run ${i.runId || '?'}  ${i.state}  age ${i.ageMs === null ? '?' : formatDuration(i.ageMs)}  ${i.action}\n`;
            written = written.then(() => out.write(line));
            written.catch(() => undefined); // handled: awaited after the sweep
          },
        });
        if (!json) {
          const acted = items.filter((i) => i.action === 'terminated' || i.action === 'would terminate').length;
          process.stderr.write(`${items.length} bootgate instance(s) in ${region}; ${flags.dryRun ? 'would terminate' : 'terminated'} ${acted}\n`);
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
