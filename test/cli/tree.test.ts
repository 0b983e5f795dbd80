import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runCliHere } from '../helpers/run-cli.js';
import { tempFiles } from '../helpers/temp-files.js';

const { dir, write } = tempFiles('bootgate-tree-');

const XEN = write(
  'xen.log',
  [
    'OpenBSD 6.0 (GENERIC.MP) #2319: Tue Jul 26 13:00:43 MDT 2016',
    '    deraadt@amd64.openbsd.org:/usr/src/sys/arch/amd64/compile/GENERIC.MP',
    'mainbus0 at root',
    'pvbus0 at mainbus0: Xen 4.2',
    'xen0 at pvbus0: features 0x705, 32 grant table frames, event channel 3',
    '"vbd" at xen0: device/vbd/768 not configured',
    'xnf0 at xen0: backend 0, event channel 5, address 0a:1c:b6:97:68:01',
    'root on wd0a (2979aa8c169aafe5.a) swap on wd0b dump on wd0b',
    '',
  ].join('\n'),
);
const TWO_BOOTS = write(
  'two.log',
  ['OpenBSD 6.1 (RAMDISK_CD) #19: Sat Apr  1 13:49:18 MDT 2017', 'mainbus0 at root', 'rebooting...', 'OpenBSD 6.1 (GENERIC.MP) #20: Sat Apr  1 13:45:56 MDT 2017', 'mainbus0 at root', ''].join('\n'),
);
const NOISE = write('noise.log', 'SeaBIOS (version 1.16.0)\nBooting from Hard Disk...\n');

describe('bootgate tree', () => {
  it('prints the latest boot as a tree with unconfigured devices marked, without loading the AWS SDK', async () => {
    const r = await runCliHere(['tree', XEN], { offline: true });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toContain('OpenBSD 6.0 (GENERIC.MP) #2319 amd64');
    const xen = lines.findIndex((l) => l.includes('xen0  (line 5)'));
    expect(xen).toBeGreaterThan(0);
    expect(lines[xen + 1]).toMatch(/├── "vbd" NOT CONFIGURED {2}\(line 6\)/);
    expect(lines[xen + 2]).toMatch(/└── xnf0 {2}\(line 7\) — backend 0/);
    expect(r.stdout).toContain('root on wd0a (2979aa8c169aafe5)  (line 8)');
  });

  it('shows every boot with --all-boots and only the latest without', async () => {
    expect((await runCliHere(['tree', TWO_BOOTS])).stdout).not.toContain('RAMDISK_CD');
    const all = (await runCliHere(['tree', '--all-boots', TWO_BOOTS])).stdout;
    expect(all.indexOf('boot 1: OpenBSD 6.1 (RAMDISK_CD)')).toBeLessThan(all.indexOf('boot 2: OpenBSD 6.1 (GENERIC.MP)'));
  });

  it('prints JSON Lines with a file field for several files', async () => {
    const r = await runCliHere(['tree', '--json', XEN, TWO_BOOTS], { offline: true });
    expect(r.status).toBe(0);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((o) => [o.file, o.schemaVersion, o.boots.length])).toEqual([
      [XEN, 1, 1],
      [TWO_BOOTS, 1, 2],
    ]);
    expect(rows[0].boots[0].devices.find((d: { name: string }) => d.name === 'xnf0')).toMatchObject({ parent: 'xen0', line: 7 });
    expect(rows[0].boots[0].unconfigured[0]).toMatchObject({ name: 'vbd', parent: 'xen0', line: 6 });
    expect(rows[0].boots[0].root).toMatchObject({ device: 'wd0a', line: 8 });
  });

  it('reads stdin with -', () => {
    const r = runCli(['tree', '--json', '-'], { input: 'OpenBSD 7.6 (GENERIC.MP) #338: Mon Sep 30 08:55:35 MDT 2024\nmainbus0 at root\n' });
    expect(JSON.parse(r.stdout).boots[0].kernel.version).toBe('7.6');
  });

  it('exits 3 with a message when the log holds no OpenBSD boot', async () => {
    const r = await runCliHere(['tree', NOISE]);
    expect(r.status).toBe(3);
    expect(r.stderr.trim()).toMatch(/no OpenBSD boot found/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 with one line for a missing file, and still prints the others', async () => {
    const r = await runCliHere(['tree', join(dir, 'nope.log'), XEN]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(r.stdout).toContain('xnf0');
  });

  it('never crashes on binary junk', async () => {
    const junk = write('junk.bin', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1'));
    const r = await runCliHere(['tree', junk]);
    expect([0, 3]).toContain(r.status);
    expect(r.stderr).not.toMatch(/Error|at .*\.js/);
  });
});
