import { Command, Option } from 'commander';
import { ConfigError } from '../../errors.js';
import { addGateOptions } from '../gate-options.js';
import { DEFAULT_MAX_CONCURRENT } from '../../launcher/limits.js';
import type { GateFlags } from '../../gate/gate-config.js';
import type { PlatformId } from '../../platform/types.js';
import type { Policy } from '../../policy/types.js';
import { addOutputOptions } from '../output-options.js';
import type { ReportFlags } from '../report-targets.js';

interface LaunchFlags extends GateFlags, ReportFlags {
  ami?: string;
  packerManifest?: string;
  packerBuild?: string;
  maxConcurrent: string;
  instanceType: string;
  region?: string;
  profile?: string;
  endpointUrl?: string;
  subnetId?: string;
  securityGroupId: string[];
  keyName?: string;
  sshKey?: string;
  sshUser: string;
  sshAddress: 'public' | 'private';
  sshPort: string;
  sshGrace: string;
  teardownTimeout: string;
  ssh: boolean;
  imdsTokens: 'required' | 'optional';
  timeout: string;
  pollInterval: string;
  keepOnFailure: boolean;
  tag: string[];
  reportDir?: string;
  strictPreflight: boolean;
  platform?: string;
  expect?: string;
}

const collect = (v: string, prev: string[]) => [...prev, v];

/** Exit codes after a signal: 128 + signal number, as shells report them. */
const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

export function parseTags(tags: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags) {
    const i = t.indexOf('=');
    if (i <= 0) throw new ConfigError(`--tag: expected key=value, got "${t}"`);
    const key = t.slice(0, i);
    if (key.startsWith('bootgate:') || key.startsWith('aws:')) throw new ConfigError(`--tag: the "${key.split(':')[0]}:" prefix is reserved`);
    out[key] = t.slice(i + 1);
  }
  return out;
}

/** `--platform` and `--expect`, read and validated exactly as `check` reads them. */
async function loadCheckExtra(flags: Pick<LaunchFlags, 'platform' | 'expect'>): Promise<{ platform?: PlatformId; policy?: Policy }> {
  const out: { platform?: PlatformId; policy?: Policy } = {};
  if (flags.platform !== undefined) {
    const { isPlatformId, PLATFORM_IDS } = await import('../../platform/profiles.js');
    if (!isPlatformId(flags.platform)) throw new ConfigError(`--platform: unknown platform "${flags.platform}" (known: ${PLATFORM_IDS.join(', ')})`);
    out.platform = flags.platform;
  }
  if (flags.expect !== undefined) out.policy = await (await import('../../policy/load-policy.js')).loadPolicy(flags.expect);
  return out;
}

export function registerLaunch(program: Command): void {
  const cmd = program
    .command('launch')
    .description('launch an AMI on EC2, watch its console, prove SSH, give a verdict; always terminates')
    .option('--ami <ids>', 'AMI to verify: ami-id (in --region), or a comma list of region:ami-id (Packer\'s artifact_id)')
    .option('--packer-manifest <file>', 'gate the AMIs of the last run in Packer\'s manifest.json (instead of --ami): every region:ami-id of its builds\' artifact_id')
    .option('--packer-build <names>', 'with --packer-manifest: gate only these builds of the last run (comma list of build names; default: every build)')
    .option('--instance-type <types>', 'instance type; a comma list runs a matrix (every AMI × every type)', 't2.micro')
    .option('--max-concurrent <n>', 'instances launched at once across the matrix (account vCPU and API limits)', String(DEFAULT_MAX_CONCURRENT))
    .option('--region <region>', 'AWS region of a bare --ami id (default: AWS_REGION / profile); region:ami-id entries use their own. With --packer-manifest: gate only the copies in these regions (comma list)')
    .option('--profile <name>', 'AWS shared-config profile')
    .option('--endpoint-url <url>', 'EC2 endpoint (e.g. the bootgate simulator); loopback endpoints allow only 127.0.0.0/8 connections')
    .option('--subnet-id <id>', 'subnet to launch into')
    .option('--security-group-id <id>', 'security group (repeatable)', collect, [])
    .option('--key-name <name>', 'existing EC2 key pair (default: an ephemeral ed25519 key, deleted afterwards)')
    .option('--ssh-key <path>', 'private key file for --key-name, to log in and fetch dmesg')
    .option('--ssh-user <user>', 'login user (ec2-init installs the key for root)', 'root')
    .addOption(new Option('--ssh-address <which>', 'address to probe').choices(['public', 'private']).default('public'))
    .option('--ssh-port <n>', 'SSH port', '22')
    .option('--ssh-grace <duration>', 'once the console shows sshd started (and the banner, where expected), how long a refused or silent SSH port is given before it fails ssh-reachable', '60s')
    .option('--no-ssh', 'judge the console only (ssh-reachable and host-key-match are skipped)')
    .addOption(new Option('--imds-tokens <mode>', 'IMDS HttpTokens; OpenBSD metadata agents speak IMDSv1 only').choices(['optional', 'required']).default('optional'))
    .option('--timeout <duration>', 'give up (inconclusive) after this long', '20m')
    .option('--poll-interval <duration>', 'console poll interval', '5s')
    .option('--keep-on-failure', 'keep a failed instance running and print how to reach and remove it (the ephemeral private key is saved, mode 0600, in --report-dir or a new temporary directory)', false)
    .option('--teardown-timeout <duration>', 'how long teardown keeps terminating and confirming (each call bounded too); what is not confirmed gone is named NOT CLEANED and the exit is not 0', '5m')
    .option('--tag <key=value>', 'extra tag on instance and volume (repeatable)', collect, [])
    .option('--report-dir <dir>', 'write <instance>.json, <instance>.console.txt and <instance>.dmesg.txt per instance')
    .option('--strict-preflight', 'refuse to launch when pre-flight warns (e.g. Nitro without ena(4))', false)
    .option('--platform <id>', 'platform profile instead of detecting it, as in `check` (xen-hvm, nitro-x86, graviton, …)')
    .option('--expect <policy.json>', 'policy, as in `check`: required/forbidden devices, allowed unconfigured devices, banner tag, key types');
  addOutputOptions(cmd, 'registry', { report: true, help: 'human | json | junit | markdown | html (one self-contained page with the timeline); text = human' });
  addGateOptions(cmd)
    .addHelpText(
      'after',
      '\nExit codes: 0 pass, 1 fail, 3 inconclusive, 2 usage, config or AWS error, or something NOT CLEANED; 130/143 after SIGINT/SIGTERM (the instances are terminated first).' +
        '\nA matrix exits with its worst result (2 > 1 > 3 > 0, as every command). The verdict is the gate\'s: a baseline regression fails; an inconclusive run is not compared with the baseline.' +
        '\nWith --redact, progress lines are redacted too, except the teardown lines that name what is left to clean up.',
    )
    .action(async (flags: LaunchFlags) => {
      const { createEc2, clientOptionsFromFlags, runMatrix, matrixCells, cellLabel, parseAmiList, resolveTargets, readPackerManifest, narrowToRegions, newRunId, parseDuration, isLoopbackEndpoint, analyseConsole, analyseWith, systemClock, renderOutcomes, judgeOutcomes, exitCodeOf, writeReportDir, InterruptedError } =
        await import('../../launcher/index.js');
      const { readFile } = await import('node:fs/promises');
      const [targetsMod, { useColor, paint }] = await Promise.all([import('../report-targets.js'), import('../color.js')]);
      const maxBytes = targetsMod.parseMaxBytes(flags.markdownMaxBytes);
      // Format names and report paths are checked before credentials are looked up or anything is launched.
      const [{ reportTargets }, { formatNames }] = await Promise.all([import('../output-options.js'), import('../../report/index.js')]);
      reportTargets(flags, formatNames());
      const types = flags.instanceType.split(',').map((t) => t.trim()).filter(Boolean);
      if (types.length === 0) throw new ConfigError('--instance-type: no instance type given');
      if (new Set(types).size !== types.length) throw new ConfigError('--instance-type: a type is listed twice');
      if ((flags.ami === undefined) === (flags.packerManifest === undefined)) throw new ConfigError('give the image to gate with either --ami or --packer-manifest');
      if (flags.packerBuild !== undefined && flags.packerManifest === undefined) throw new ConfigError('--packer-build needs --packer-manifest');
      const maxConcurrent = Number(flags.maxConcurrent);
      if (!/^\d+$/.test(flags.maxConcurrent.trim()) || !Number.isSafeInteger(maxConcurrent) || maxConcurrent < 1) throw new ConfigError(`--max-concurrent: "${flags.maxConcurrent}" is not a positive whole number`);
      // The images, by region, before anything else is asked of AWS: a bad entry launches nothing.
      const wanted =
        flags.packerManifest === undefined
          ? parseAmiList(flags.ami!)
          : flags.region === undefined
            ? await readPackerManifest(flags.packerManifest, flags.packerBuild)
            : narrowToRegions(await readPackerManifest(flags.packerManifest, flags.packerBuild), flags.region);
      const sshPort = Number(flags.sshPort);
      if (!Number.isInteger(sshPort) || sshPort < 1 || sshPort > 65535) throw new ConfigError(`--ssh-port: "${flags.sshPort}" is not a port number`);
      const timeoutMs = parseDuration(flags.timeout, '--timeout');
      const pollIntervalMs = parseDuration(flags.pollInterval, '--poll-interval');
      const sshGraceMs = parseDuration(flags.sshGrace, '--ssh-grace');
      const teardownTimeoutMs = parseDuration(flags.teardownTimeout, '--teardown-timeout');
      if (teardownTimeoutMs <= 0) throw new ConfigError('--teardown-timeout must be positive');
      if (pollIntervalMs <= 0) throw new ConfigError('--poll-interval must be positive');
      if (flags.sshKey && !flags.keyName) throw new ConfigError('--ssh-key needs --key-name (without it an ephemeral key is used)');
      let privateKey: string | null = null;
      if (flags.sshKey) {
        try {
          privateKey = await readFile(flags.sshKey, 'utf8');
        } catch (err) {
          throw new ConfigError(`--ssh-key: cannot read ${flags.sshKey}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
        }
      }
      const tags = parseTags(flags.tag);
      const checkExtra = await loadCheckExtra(flags);
      const loopbackOnly = isLoopbackEndpoint(flags.endpointUrl);
      const human = flags.format === 'human';
      // Every flag that can be wrong is read before anything is launched.
      const gateConfig = await import('../../gate/gate-config.js');
      const gate = await gateConfig.loadGateConfig(flags);
      // `--baseline latest`: an image whose arch and release no baseline has is refused before launch.
      const imageCheck = await gateConfig.latestBaselineRefusal(gate);
      if (flags.reportDir !== undefined) await (await import('../../config/output-dir.js')).checkOutputDir(flags.reportDir, '--report-dir');
      const redact = (text: string) => (gate.redactor ? gate.redactor.text(text) : text);

      // One client per region (each region is its own endpoint); the flags' region only for bare ids.
      const clients = new Map<string, Awaited<ReturnType<typeof createEc2>>>();
      const targets = await (async () => {
        try {
          if (wanted.some((t) => t.region === null)) {
            const home = await createEc2(clientOptionsFromFlags(flags));
            clients.set(home.region, home);
            return resolveTargets(wanted, home.region);
          }
          return resolveTargets(wanted, '');
        } catch (err) {
          for (const c of clients.values()) c.client.destroy();
          throw err;
        }
      })();
      for (const t of targets) {
        if (clients.has(t.region)) continue;
        try {
          clients.set(t.region, await createEc2({ ...clientOptionsFromFlags(flags), region: t.region }));
        } catch (err) {
          for (const c of clients.values()) c.client.destroy();
          throw err;
        }
      }
      const cells = matrixCells(targets, types);
      const regions = [...new Set(targets.map((t) => t.region))];
      const label = (o: { instanceType: string; region: string; amiId: string }) => (regions.length > 1 ? cellLabel(o) : o.instanceType);

      const run = new AbortController();
      const teardown = new AbortController();
      const runId = newRunId();
      // A command that removes exactly this run's leftovers, whatever their age.
      // One sweep per region: each region's leftovers are only visible to that region's endpoint.
      const sweepIn = (region: string) =>
        `bootgate sweep --run-id ${runId} --region ${region}` + (flags.profile ? ` --profile ${flags.profile}` : '') + (flags.endpointUrl ? ` --endpoint-url ${flags.endpointUrl}` : '');
      const sweepHint = regions.map(sweepIn).join(' && ');
      let signalName: string | null = null;
      const onSignal = (name: string) => () => {
        if (signalName === null) {
          signalName = name;
          process.stderr.write(`bootgate: ${name}: stopping and terminating what was launched (${name} again abandons the cleanup)\n`);
          run.abort(new InterruptedError(name));
        } else {
          process.stderr.write(`bootgate: ${name} again: abandoning cleanup; remove this run's leftovers with: ${sweepHint}\n`);
          teardown.abort(new InterruptedError(name));
        }
      };
      const sigint = onSignal('SIGINT');
      const sigterm = onSignal('SIGTERM');
      process.on('SIGINT', sigint);
      process.on('SIGTERM', sigterm);
      // Every report is opened before anything is launched: a bad path costs nothing.
      const reports = await targetsMod.openTargets(flags, maxBytes).catch((err: unknown) => {
        process.off('SIGINT', sigint);
        process.off('SIGTERM', sigterm);
        for (const c of clients.values()) c.client.destroy();
        throw err;
      });
      const tint = useColor(flags.color, process.stderr);
      try {
        if (human) {
          const images = targets.map((t) => `${t.amiId} in ${t.region}`).join(', ');
          const pace = cells.length > maxConcurrent ? ` (${cells.length} runs, ${maxConcurrent} at a time)` : '';
          process.stderr.write(redact(`bootgate: run ${runId}: ${images} on ${types.join(', ')}${pace}\n`));
        }
        const outcomes = await runMatrix(
          cells,
          {
            runId,
            subnetId: flags.subnetId ?? null,
            securityGroupIds: flags.securityGroupId,
            keyName: flags.keyName ?? null,
            privateKey,
            ssh: flags.ssh,
            sshUser: flags.sshUser,
            sshAddress: flags.sshAddress,
            sshPort,
            sshGraceMs,
            teardownTimeoutMs,
            ...(flags.reportDir !== undefined ? { keyDir: flags.reportDir } : {}),
            imdsTokens: flags.imdsTokens,
            timeoutMs,
            pollIntervalMs,
            keepOnFailure: flags.keepOnFailure,
            strictPreflight: flags.strictPreflight,
            tags,
            loopbackOnly,
          },
          {
            ec2: (region) => clients.get(region)!.api,
            clock: systemClock,
            analyse: analyseWith(analyseConsole, checkExtra),
            ...(imageCheck ? { imageCheck } : {}),
            signal: run.signal,
            teardownSignal: teardown.signal,
            onProgress: (e) => {
              // Warnings and teardown trouble matter in every format; the play-by-play only to people.
              if (human || e.kind === 'warning' || (e.kind === 'teardown' && /could not|kept/.test(e.message))) {
                const who = cells.length > 1 || !human ? `[${label(e)}${e.instanceId ? ` ${e.instanceId}` : ''}] ` : '';
                const line = `${who}${e.kind === 'warning' ? paint(tint, 'yellow', `warning: ${e.message}`) : e.kind === 'verdict' ? paint(tint, 'bold', e.message) : e.message}\n`;
                // What is left to clean up must stay actionable: teardown lines name the real ids.
                process.stderr.write(e.kind === 'teardown' ? line : redact(line));
              }
            },
          },
          maxConcurrent,
        );
        const leftoverIn = new Map<string, string[]>();
        for (const o of outcomes) {
          const ids = o.report?.uncleaned ?? (o.error as { uncleaned?: readonly string[] } | undefined)?.uncleaned ?? [];
          if (ids.length > 0) leftoverIn.set(o.region, [...(leftoverIn.get(o.region) ?? []), ...ids]);
        }
        if (leftoverIn.size > 0) {
          const named = [...leftoverIn].flatMap(([r, ids]) => ids.map((id) => (regions.length > 1 ? `${id} (${r})` : id)));
          process.stderr.write(`bootgate: ${paint(tint, 'red', 'NOT CLEANED')}: ${named.join(', ')}; remove them by hand or with: ${[...leftoverIn.keys()].map(sweepIn).join(' && ')}\n`);
        }
        const judged = judgeOutcomes(gate, outcomes);
        const single = judged.length === 1 ? judged[0]! : undefined;
        // One instance type that errored before anything could be judged: main.ts's one clear line, exit 2
        // (the report files still say so; stdout carries only that line).
        const onlyError = single?.error !== undefined && !signalName;
        if (flags.reportDir) await writeReportDir(flags.reportDir, judged);
        if (!onlyError) for (const o of judged) if (o.error) process.stderr.write(`bootgate: ${label(o)}: ${o.error.message}\n`);
        process.exitCode = signalName ? SIGNAL_EXIT[signalName]! : exitCodeOf(judged);
        for (const t of reports) if (!(onlyError && t.sink.isStdout)) await t.sink.write(renderOutcomes(t.formatter, judged, t.ctx));
        const closed = await Promise.allSettled(reports.map((t) => t.sink.close()));
        if (onlyError) throw single.error;
        const failed = closed.find((c): c is PromiseRejectedResult => c.status === 'rejected');
        if (failed) throw failed.reason;
      } finally {
        process.off('SIGINT', sigint);
        process.off('SIGTERM', sigterm);
        for (const c of clients.values()) c.client.destroy();
      }
    });
}
