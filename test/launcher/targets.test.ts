import { describe, expect, it } from 'vitest';
import { isAmiId, isRegionName, narrowToRegions, parseAmiList, resolveTargets } from '../../src/launcher/targets.js';
import { parsePackerManifest } from '../../src/launcher/packer-manifest.js';
import { ConfigError } from '../../src/errors.js';

const A = 'ami-0123456789abcdef0';
const B = 'ami-0fedcba9876543210';

describe('--ami lists', () => {
  it('a bare id takes the default region; region:ami-id entries keep theirs', () => {
    expect(resolveTargets(parseAmiList(A), 'eu-west-1')).toEqual([{ region: 'eu-west-1', amiId: A }]);
    expect(resolveTargets(parseAmiList(`us-east-1:${A}, eu-central-1:${B}`), 'ap-south-1')).toEqual([
      { region: 'us-east-1', amiId: A },
      { region: 'eu-central-1', amiId: B },
    ]);
    expect(resolveTargets(parseAmiList(`us-east-1:${A},${B}`), 'us-west-2')).toEqual([
      { region: 'us-east-1', amiId: A },
      { region: 'us-west-2', amiId: B },
    ]);
  });

  it.each([
    ['', /no AMI given/],
    [`us-east-1:${A},`, /empty entry/],
    ['ami-xyz', /"ami-xyz" is not an AMI id/],
    [`useast1:${A}`, /"useast1" is not a region/],
    [`us-east-1:`, /"" is not an AMI id/],
    [`:${A}`, /"" is not a region/],
  ])('refuses %j with one line', (list, msg) => {
    expect(() => parseAmiList(list)).toThrow(ConfigError);
    expect(() => parseAmiList(list)).toThrow(msg);
  });

  it('the same image in the same region twice is refused; the same id in two regions is two images', () => {
    expect(() => resolveTargets(parseAmiList(`us-east-1:${A},${A}`), 'us-east-1')).toThrow(/us-east-1:ami-0123456789abcdef0 is listed twice/);
    expect(resolveTargets(parseAmiList(`us-east-1:${A},eu-west-1:${A}`), 'us-east-1')).toHaveLength(2);
  });

  it('ids and region names as EC2 writes them', () => {
    expect(['ami-12345678', A].every(isAmiId)).toBe(true);
    expect(['ami-1234567', 'ami-0123456789ABCDEF0', 'AMI-12345678', 'ami-123456789'].some(isAmiId)).toBe(false);
    expect(['us-east-1', 'us-gov-west-1', 'ap-southeast-4', 'eu-central-2'].every(isRegionName)).toBe(true);
    expect(['us-east', 'US-EAST-1', 'useast-1', 'us-east-1a'].some(isRegionName)).toBe(false);
  });
});

const build = (over: Record<string, unknown>) => ({
  name: 'openbsd', builder_type: 'amazon-ebs', build_time: 1764547200, files: null,
  artifact_id: `us-east-1:${A}`, packer_run_uuid: 'run-new', custom_data: null, ...over,
});

describe('Packer manifest', () => {
  it('takes the build of last_run_uuid, ignoring earlier runs, every region of its artifact_id', () => {
    const doc = {
      builds: [build({ packer_run_uuid: 'run-old', artifact_id: `us-east-1:${B}` }), build({ artifact_id: `eu-west-1:${B},us-east-1:${A}` })],
      last_run_uuid: 'run-new',
    };
    expect(parsePackerManifest(doc, 'm.json')).toEqual([
      { region: 'eu-west-1', amiId: B },
      { region: 'us-east-1', amiId: A },
    ]);
  });

  it('several builds in the last run: every one is gated, or those --packer-build names', () => {
    const doc = { builds: [build({ name: 'amd64' }), build({ name: 'snapshot', artifact_id: `us-east-1:${B}` })], last_run_uuid: 'run-new' };
    expect(parsePackerManifest(doc, 'm.json')).toEqual([{ region: 'us-east-1', amiId: A }, { region: 'us-east-1', amiId: B }]);
    expect(parsePackerManifest(doc, 'm.json', 'snapshot')).toEqual([{ region: 'us-east-1', amiId: B }]);
    expect(parsePackerManifest(doc, 'm.json', 'snapshot, amd64')).toEqual([{ region: 'us-east-1', amiId: B }, { region: 'us-east-1', amiId: A }]);
    expect(() => parsePackerManifest(doc, 'm.json', 'riscv64')).toThrow(/no build named "riscv64" \(builds: amd64, snapshot\)/);
    expect(() => parsePackerManifest(doc, 'm.json', 'amd64,amd64')).toThrow(/a build is named twice/);
    expect(() => parsePackerManifest(doc, 'm.json', 'amd64,')).toThrow(/an empty build name/);
  });

  it('several builds, one without an AMI: refused by name, and --packer-build leaves it out', () => {
    const doc = { builds: [build({ name: 'amd64' }), build({ name: 'disk', builder_type: 'qemu', artifact_id: '' })], last_run_uuid: 'run-new' };
    expect(() => parsePackerManifest(doc, 'm.json')).toThrow(/build "disk" has no artifact_id \(pick the AMI builds with --packer-build NAME\[,NAME\]\)/);
    expect(parsePackerManifest(doc, 'm.json', 'amd64')).toEqual([{ region: 'us-east-1', amiId: A }]);
  });

  it('two builds with the same image: refused, it would be gated and billed twice', () => {
    const doc = { builds: [build({ name: 'a' }), build({ name: 'b' })], last_run_uuid: 'run-new' };
    expect(() => parsePackerManifest(doc, 'm.json')).toThrow(/us-east-1:ami-\w+ is listed twice/);
  });

  it.each([
    ['not an object', [], /not a JSON object/],
    ['no builds array', { last_run_uuid: 'x' }, /"builds" is not an array/],
    ['no last_run_uuid', { builds: [build({})] }, /no "last_run_uuid"/],
    ['no build of the last run', { builds: [build({ packer_run_uuid: 'run-old' })], last_run_uuid: 'run-new' }, /no build has packer_run_uuid run-new .*1 build\(s\) of earlier runs/],
    ['a build that is not an object', { builds: [3], last_run_uuid: 'run-new' }, /builds\[0\] is not an object/],
    ['no artifact_id', { builds: [build({ artifact_id: '' })], last_run_uuid: 'run-new' }, /has no artifact_id/],
    ['a docker artifact', { builds: [build({ artifact_id: 'sha256:abc' })], last_run_uuid: 'run-new' }, /"sha256" is not a region/],
    ['an id without region', { builds: [build({ artifact_id: A })], last_run_uuid: 'run-new' }, /has no region/],
  ])('%s: one line naming the file', (_why, doc, msg) => {
    let err: unknown;
    try {
      parsePackerManifest(doc, 'build/manifest.json');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(/^Packer manifest build\/manifest\.json: /);
    expect((err as Error).message).toMatch(msg);
    expect((err as Error).message).not.toContain('\n');
  });
});

describe('--region narrows a Packer build to some of its copies', () => {
  const copies = [
    { region: 'us-east-1', amiId: 'ami-0123456789abcdef0' },
    { region: 'eu-west-1', amiId: 'ami-0fedcba9876543210' },
    { region: 'ap-south-1', amiId: 'ami-00000000000000001' },
  ];
  it('keeps the named regions, in the build order', () => {
    expect(narrowToRegions(copies, 'ap-south-1, us-east-1').map((t) => t.region)).toEqual(['us-east-1', 'ap-south-1']);
    expect(narrowToRegions(copies, 'eu-west-1')).toEqual([copies[1]]);
  });
  it.each([
    ['a region the build has no copy in', 'us-west-2', /--region: no image to gate in us-west-2 \(the images are in: us-east-1, eu-west-1, ap-south-1\)/],
    ['a word that is no region', 'eu-west', /--region: "eu-west" is not a region/],
    ['an empty entry', 'us-east-1,', /--region: "" is not a region/],
  ])('%s is a ConfigError', (_why, flag, msg) => {
    expect(() => narrowToRegions(copies, flag)).toThrow(ConfigError);
    expect(() => narrowToRegions(copies, flag)).toThrow(msg);
  });
});
