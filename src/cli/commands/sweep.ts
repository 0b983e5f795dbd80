import type { Command } from 'commander';
import { ConfigError } from '../../errors.js';
import { EXIT } from '../exit-codes.js';

interface SweepFlags {
  olderThan: string;
  dryRun: boolean;
  region?: string;
  profile?: string;
  endpointUrl?: string;
  json: boolean;
}

export function registerSweep(program: Command): void {
  program
    .command('sweep')
    .description('terminate leftover bootgate instances (tag bootgate:run-id), one id at a time')
    .option('--older-than <duration>', 'only instances launched longer ago than this', '2h')
    .option('--dry-run', 'list what would be terminated, terminate nothing', false)
    .option('--region <region>', 'AWS region (default: AWS_REGION / profile)')
    .option('--profile <name>', 'AWS shared-config profile')
    .option('--endpoint-url <url>', 'EC2 endpoint (e.g. the bootgate simulator)')
    .option('--json', 'one JSON object per instance', false)
    .action(async (flags: SweepFlags) => {
      const { createEc2, clientOptionsFromFlags, sweep, parseDuration, systemClock, formatDuration, isLoopbackEndpoint } = await import('../../launcher/index.js');
      const olderThanMs = parseDuration(flags.olderThan, '--older-than');
      isLoopbackEndpoint(flags.endpointUrl); // validates the URL
      if (olderThanMs < 0) throw new ConfigError('--older-than must not be negative');
      const { api, region, client } = await createEc2(clientOptionsFromFlags(flags));
      try {
        const items = await sweep(api, {
          olderThanMs,
          dryRun: flags.dryRun,
          clock: systemClock,
          onItem: (i) =>
            process.stdout.write(
              flags.json
                ? JSON.stringify(i) + '\n'
                : `${i.id}  run ${i.runId || '?'}  ${i.state}  age ${i.ageMs === null ? '?' : formatDuration(i.ageMs)}  ${i.action}\n`,
            ),
        });
        if (!flags.json) {
          const acted = items.filter((i) => i.action === 'terminated' || i.action === 'would terminate').length;
          process.stderr.write(`${items.length} bootgate instance(s) in ${region}; ${flags.dryRun ? 'would terminate' : 'terminated'} ${acted}\n`);
        }
        const failed = items.filter((i) => !i.ok);
        if (failed.length > 0) process.stderr.write(`bootgate: NOT CLEANED: ${failed.map((i) => i.id).join(', ')}\n`);
        process.exitCode = failed.length > 0 ? EXIT.error : EXIT.pass;
      } finally {
        client.destroy();
      }
    });
}
