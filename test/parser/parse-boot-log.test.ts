import { describe, expect, it } from 'vitest';
import { parseBootLog } from '../../src/parser/index.js';
import { eventsOf, judgedBoot } from '../../src/model/queries.js';
import type { Boot } from '../../src/model/boot-model.js';

const log = (...lines: string[]): string => lines.join('\n') + '\n';
const only = (text: string): Boot => {
  const { model } = parseBootLog(text);
  expect(model.boots).toHaveLength(1);
  return model.boots[0]!;
};

const XEN60 = log(
  '>> OpenBSD/amd64 BOOT 3.31',
  'boot>',
  'booting hd0a:/bsd: 6882804+2174256+267272+0+647168 [72+577368+384321]=0xa6ef68',
  'entry point at 0x1001000 [7205c766, 34000004, 24448b12, 20a304]',
  'OpenBSD 6.0-current (GENERIC.MP) #2319: Tue Jul 26 13:00:43 MDT 2016',
  '    deraadt@amd64.openbsd.org:/usr/src/sys/arch/amd64/compile/GENERIC.MP',
  'real mem = 1056964608 (1008MB)',
  'avail mem = 1020514304 (973MB)',
  'mainbus0 at root',
  'bios0 at mainbus0: SMBIOS rev. 2.4 @ 0xeb01f (11 entries)',
  'bios0: vendor Xen version "4.2.amazon" date 05/12/2016',
  'pvbus0 at mainbus0: Xen 4.2',
  'xen0 at pvbus0: features 0x705, 32 grant table frames, event channel 3',
  '"vbd" at xen0: device/vbd/768 not configured',
  'xnf0 at xen0: backend 0, event channel 5, address 0a:1c:b6:97:68:01',
  'pci0 at mainbus0 bus 0',
  'pciide0 at pci0 dev 1 function 1 "Intel 82371SB IDE" rev 0x00: DMA, channel 0 wired to compatibility',
  'wd0 at pciide0 channel 0 drive 0: <QEMU HARDDISK>',
  'wd0: 16-sector PIO, LBA48, 8192MB, 16777216 sectors',
  'com0 at isa0 port 0x3f8/8 irq 4: ns16550a, 16 byte fifo',
  'root on wd0a (2979aa8c169aafe5.a) swap on wd0b dump on wd0b',
  'starting network',
  'DHCPDISCOVER on xnf0 - interval 3',
  'DHCPOFFER from 172.30.0.1 (06:90:d1:8f:bf:e1)',
  'DHCPREQUEST on xnf0 to 255.255.255.255',
  'DHCPACK from 172.30.0.1 (06:90:d1:8f:bf:e1)',
  'bound to 172.30.1.103 -- renewal in 1800 seconds.',
  'starting network daemons: sshd smtpd.',
  'OpenBSD/amd64 (ip-172-30-1-103.eu-west-1.compute.internal) (tty00)',
  '',
  'login: ',
);

describe('parseBootLog', () => {
  it('reads the kernel banner, arch from the compile path, and memory', () => {
    const boot = only(XEN60);
    expect(boot.kernel).toMatchObject({ version: '6.0', suffix: '-current', name: 'GENERIC.MP', build: 2319, arch: 'amd64', line: 5 });
    expect(boot.kernel.builder).toBe('deraadt@amd64.openbsd.org');
    expect(boot.memory).toMatchObject({ real: 1056964608, avail: 1020514304 });
    expect(boot.memory.lines.map((l) => l.line)).toEqual([7, 8]);
    expect(boot.kernel.path?.line).toBe(6);
    expect(boot.loader.map((l) => l.kind)).toEqual(['loader-banner', 'prompt', 'booting', 'entry-point']);
  });

  it('builds the device tree with parents, locators, descriptions and continuation lines', () => {
    const boot = only(XEN60);
    const byName = new Map(boot.devices.map((d) => [d.name, d]));
    expect(byName.get('mainbus0')?.parent).toBe('root');
    expect(byName.get('xnf0')).toMatchObject({ parent: 'xen0', driver: 'xnf', unit: 0, line: 15, description: 'backend 0, event channel 5, address 0a:1c:b6:97:68:01' });
    expect(byName.get('pciide0')).toMatchObject({ product: 'Intel 82371SB IDE' });
    expect(byName.get('pciide0')!.locators).toEqual([
      { key: 'dev', value: '1' },
      { key: 'function', value: '1' },
      { key: 'rev', value: '0x00' },
    ]);
    expect(byName.get('com0')!.locators).toEqual([
      { key: 'port', value: '0x3f8/8' },
      { key: 'irq', value: '4' },
    ]);
    expect(byName.get('wd0')!.details.map((d) => d.line)).toEqual([19]);
    expect(byName.get('bios0')!.details[0]!.text).toContain('Xen');
    expect(boot.unconfigured).toEqual([expect.objectContaining({ name: 'vbd', parent: 'xen0', line: 14, description: 'device/vbd/768' })]);
  });

  it('reads root, DHCP (dhclient ≤6.2) and the login banner with their lines', () => {
    const boot = only(XEN60);
    expect(boot.root).toMatchObject({ device: 'wd0a', duid: '2979aa8c169aafe5', swap: 'wd0b', dump: 'wd0b', nfs: false, line: 21 });
    expect(eventsOf(boot, 'dhcp-lease')).toEqual([expect.objectContaining({ line: 27, interface: 'xnf0', address: '172.30.1.103', style: 'bound-renewal' })]);
    expect(eventsOf(boot, 'dhcp-offer')[0]!.server).toBe('172.30.0.1');
    expect(eventsOf(boot, 'daemons')[0]).toMatchObject({ phase: 'network', names: ['sshd', 'smtpd'] });
    expect(eventsOf(boot, 'login-banner')[0]).toMatchObject({ arch: 'amd64', host: 'ip-172-30-1-103.eu-west-1.compute.internal', tty: 'tty00' });
    expect(eventsOf(boot, 'login-prompt')[0]!.line).toBe(31);
  });

  it('marks devices attached after the root line and detaches', () => {
    const boot = only(log('OpenBSD 6.9 (GENERIC.MP) #473: Mon Apr 19 10:40:28 MDT 2021', 'uhub1 at usb0', 'root on sd0a (0123456789abcdef.a) swap on sd0b dump on sd0b', 'axen0 at uhub1 port 2 configuration 1 interface 0 "ASIX AX88179" rev 2.10/1.00 addr 3', 'axen0 detached'));
    const axen = boot.devices.find((d) => d.name === 'axen0')!;
    expect(axen).toMatchObject({ parent: 'uhub1', afterRoot: true });
    expect(axen.detached?.line).toBe(5);
    expect(boot.devices.some((d) => d.name === 'xen0')).toBe(false);
  });

  it('gives a continuation or detach line to the latest device of that name, near or far, unless that one detached', () => {
    const many = Array.from({ length: 40 }, (_, i) => `ppb${i} at pci0 dev ${i} function 0`);
    const boot = only(
      log(
        'OpenBSD 7.6 (GENERIC.MP) #338: Mon Sep 30 08:55:35 MDT 2024',
        'cpu0 at mainbus0: apid 0 (boot processor)',
        'sd0 at scsibus0 targ 0 lun 0',
        ...many,
        'cpu0: far from its attach line', // line 44
        'sd0 detached', // 45
        'sd0: after its detach', // 46: no device
        'ppb3: far, and before the index holds ppb3', // 47
        'sd0 at scsibus1 targ 0 lun 0', // 48
        'sd0: the second sd0', // 49
        'ppb39: near', // 50
      ),
    );
    const byName = (name: string) => boot.devices.filter((d) => d.name === name);
    expect(byName('cpu0')[0]!.details.map((d) => d.line)).toEqual([44]);
    const [first, second] = byName('sd0');
    expect(first!.detached?.line).toBe(45);
    expect(first!.details).toEqual([]);
    expect(second!.details.map((d) => d.line)).toEqual([49]);
    expect(byName('ppb3')[0]!.details.map((d) => d.line)).toEqual([47]);
    expect(byName('ppb39')[0]!.details.map((d) => d.line)).toEqual([50]);
    expect(boot.other.map((o) => o.line)).toEqual([46]);
  });

  it('knows the old `mainbus0 (root)` form and the glued-parent form', () => {
    const boot = only(log('OpenBSD 2.9 (BLOOP) #16: Thu Jun  3 13:47:24 EDT 2004', 'mainbus0 (root)', 'ehci0 at mainbus0rk3128_enable: 0x000001d9'));
    expect(boot.devices.map((d) => `${d.name}@${d.parent}`)).toEqual(['mainbus0@root', 'ehci0@mainbus0']);
  });

  it('reads every "not configured" shape, with PCI ids, and not init\'s console error', () => {
    const boot = only(
      log(
        'OpenBSD 7.9 (GENERIC.MP) #1: Thu Jun 18 20:27:23 EDT 2026',
        '"VMware VMCI" rev 0x10 at pci0 dev 7 function 7 not configured',
        'vendor "Amazon.com", unknown product 0x0200 (class bridge subclass host, rev 0x00) at pci0 dev 0 function 0 not configured',
        'unknown vendor 0x1d0f product 0xec20 (class network subclass ethernet, rev 0x00) at pci0 dev 5 function 0 not configured',
        'vmm at mainbus0 not configured',
        'cpu at mainbus0: not configured',
        'lm96000 at iic0 addr 0x2e not configured',
        "init: can't open /dev/console: Device not configured",
      ),
    );
    expect(boot.unconfigured.map((u) => [u.name, u.parent, u.vendorId, u.productId, u.vendorName])).toEqual([
      ['VMware VMCI', 'pci0', null, null, null],
      ['vendor "Amazon.com", unknown product 0x0200', 'pci0', null, '0x0200', 'Amazon.com'],
      ['unknown vendor 0x1d0f product 0xec20', 'pci0', '0x1d0f', '0xec20', null],
      ['vmm', 'mainbus0', null, null, null],
      ['cpu', 'mainbus0', null, null, null],
      ['lm96000', 'iic0', null, null, null],
    ]);
    expect(boot.unconfigured[2]!.description).toBe('class network subclass ethernet, rev 0x00');
    expect(eventsOf(boot, 'console-open-failed').map((e) => e.line)).toEqual([8]);
  });

  it('splits boots at kernel banners and gives loader lines to the boot they start', () => {
    const { model } = parseBootLog(
      log(
        'OpenBSD 6.1 (RAMDISK_CD) #19: Sat Apr  1 13:49:18 MDT 2017',
        'root on rd0a swap on rd0b dump on rd0b',
        'syncing disks... done',
        'rebooting...',
        '>> OpenBSD/amd64 BOOT 3.31',
        'boot>',
        'OpenBSD 6.1 (GENERIC.MP) #20: Sat Apr  1 13:45:56 MDT 2017',
        'root on sd0a (0123456789abcdef.a) swap on sd0b dump on sd0b',
      ),
    );
    expect(model.boots.map((b) => [b.kernel.name, b.startLine, b.endLine, b.root?.device])).toEqual([
      ['RAMDISK_CD', 1, 4, 'rd0a'],
      ['GENERIC.MP', 5, 8, 'sd0a'],
    ]);
    expect(model.boots[1]!.loader.map((l) => l.line)).toEqual([5, 6]);
    expect(eventsOf(model.boots[0]!, 'syncing-disks')[0]!.done).toBe(true);
    expect(judgedBoot(model)?.kernel.name).toBe('GENERIC.MP');
  });

  it('starts the next boot at a banner glued after the shutdown messages', () => {
    const { model } = parseBootLog(
      log('OpenBSD 7.2 (GENERIC.MP) #404: Tue Sep 27 12:54:46 MDT 2022', 'syncing disks... done rebooting...OpenBSD 7.2 (RAMDISK_CD) #378: Tue Sep 27 13:05:38 MDT 2022', 'mainbus0 at root'),
    );
    expect(model.boots.map((b) => [b.kernel.name, b.kernel.line])).toEqual([
      ['GENERIC.MP', 1],
      ['RAMDISK_CD', 2],
    ]);
    expect(eventsOf(model.boots[0]!, 'syncing-disks')[0]).toMatchObject({ line: 2, done: true });
    expect(eventsOf(model.boots[0]!, 'rebooting')[0]!.line).toBe(2);
    expect(model.boots[1]!.devices[0]!.line).toBe(3);
  });

  it('makes a truncated boot when the buffer starts after the banner (64 KB tail)', () => {
    const { model } = parseBootLog(log('ewhere noise from a cut line', 'xnf0 at xen0 backend 0 chan 69: address 0a:1c:b6:97:68:01', 'root on sd0a (0123456789abcdef.a) swap on sd0b dump on sd0b'));
    expect(model.preamble.map((p) => p.line)).toEqual([1]);
    expect(model.boots).toHaveLength(1);
    expect(model.boots[0]).toMatchObject({ truncatedStart: true, startLine: 2 });
    expect(model.boots[0]!.kernel.version).toBeNull();
  });

  it('makes a boot that never reached the kernel when loader lines end the buffer', () => {
    const { model } = parseBootLog(log('OpenBSD 7.6 (GENERIC.MP) #338: Mon Sep 30 08:55:35 MDT 2024', 'rebooting...', '>> OpenBSD/amd64 BOOT 3.67', 'boot>', 'booting hd0a:/bsd: 15806744+3715088'));
    expect(model.boots).toHaveLength(2);
    expect(judgedBoot(model)).toMatchObject({ truncatedStart: false, startLine: 3, endLine: 5 });
    expect(judgedBoot(model)!.kernel.line).toBeNull();
  });

  it('finds no boot in firmware noise alone', () => {
    const { model } = parseBootLog(log('SeaBIOS (version 1.16.0)', 'Booting from Hard Disk...', 'nothing else'));
    expect(model.boots).toEqual([]);
    expect(model.preamble).toHaveLength(3);
  });

  it('reads the ec2-init fingerprint banner with and without BEGIN/END markers', () => {
    const withMarkers = only(
      log(
        'OpenBSD 6.0 (GENERIC.MP) #2319: Tue Jul 26 13:00:43 MDT 2016',
        'ec2: #############################################################',
        'ec2: -----BEGIN SSH HOST KEY FINGERPRINTS-----',
        'ec2: 256 SHA256:J7GMuHoGxBG5XvrqQ3y/9/LZOd8CT9u0ib3JFUftnNM root@ip-172-30-1-103.eu-west-1.compute.internal (ED25519)',
        'ec2: 2048 SHA256:dgpR4K5rkTPIx7BA+7bWcUqaHCVMHIfobJ3iP3sNUq8 root@ip-172-30-1-103.eu-west-1.compute.internal (RSA)',
        'ec2: -----END SSH HOST KEY FINGERPRINTS-----',
        'ec2: #############################################################',
        'starting local daemons: cron.',
      ),
    );
    const [banner] = eventsOf(withMarkers, 'fingerprint-banner');
    expect(banner).toMatchObject({ line: 2, endLine: 7, tag: 'ec2', markers: true, complete: true });
    expect(banner!.keys.map((k) => [k.bits, k.keyType, k.fingerprint, k.comment, k.line])).toEqual([
      [256, 'ED25519', 'SHA256:J7GMuHoGxBG5XvrqQ3y/9/LZOd8CT9u0ib3JFUftnNM', 'root@ip-172-30-1-103.eu-west-1.compute.internal', 4],
      [2048, 'RSA', 'SHA256:dgpR4K5rkTPIx7BA+7bWcUqaHCVMHIfobJ3iP3sNUq8', 'root@ip-172-30-1-103.eu-west-1.compute.internal', 5],
    ]);

    const old = only(log('OpenBSD 5.9 (GENERIC.MP) #1869: Thu Feb  4 09:50:59 MST 2016', 'ec2: #######################', 'ec2: 1024 SHA256:ec6LNxkAlF5zZrdg8q01D2TCZ7rEeM6hVE17UM/y+PM (DSA)', 'ec2: #######################'));
    expect(eventsOf(old, 'fingerprint-banner')[0]).toMatchObject({ markers: false, complete: true, keys: [expect.objectContaining({ keyType: 'DSA', comment: null })] });

    const cut = only(log('OpenBSD 6.0 (GENERIC.MP) #2319: Tue Jul 26 13:00:43 MDT 2016', 'ec2: -----BEGIN SSH HOST KEY FINGERPRINTS-----', 'ec2: 256 SHA256:J7GMuHoGxBG5XvrqQ3y/9/LZOd8CT9u0ib3JFUftnNM x (ED25519)'));
    expect(eventsOf(cut, 'fingerprint-banner')[0]).toMatchObject({ markers: true, complete: false });
  });

  it('reads sshd\'s own fingerprint line (7.7+)', () => {
    const boot = only(log('OpenBSD 7.7 (GENERIC) #579: Sun Apr 13 10:44:00 MDT 2025', 'sshd: (ED25519) SHA256:7B9gq0SsKb4nJTD3wCHxW6fA3Rg9wP9TQOBpdXJfd9c'));
    expect(eventsOf(boot, 'sshd-fingerprint')[0]).toMatchObject({ keyType: 'ED25519', fingerprint: 'SHA256:7B9gq0SsKb4nJTD3wCHxW6fA3Rg9wP9TQOBpdXJfd9c' });
  });

  it('reads DHCP lines of every era', () => {
    const boot = only(
      log(
        'OpenBSD 6.4 (GENERIC.MP) #364: Thu Oct 11 13:30:23 MDT 2018',
        'xnf0: bound to 10.0.0.5 from 10.0.0.1 (0a:1c:b6:97:68:01)',
        'xnf0: 10.0.0.6 lease accepted from 10.0.0.1 (0a:1c:b6:97:68:01)',
        'DHCPDISCOVER on xnf0 - interval 3',
        'No acceptable DHCPOFFERS received.',
        'bound to -- renewal in 1800 seconds.',
      ),
    );
    expect(eventsOf(boot, 'dhcp-lease').map((e) => [e.style, e.interface, e.address, e.server])).toEqual([
      ['bound-from', 'xnf0', '10.0.0.5', '10.0.0.1'],
      ['lease-accepted', 'xnf0', '10.0.0.6', '10.0.0.1'],
      ['bound-renewal', 'xnf0', null, null],
    ]);
    expect(eventsOf(boot, 'dhcp-no-offer')[0]).toMatchObject({ interface: 'xnf0', line: 5 });
  });

  it('groups a panic with where it stopped, its first frames and the ddb prompt', () => {
    const boot = only(
      log(
        'OpenBSD 6.0 (GENERIC) #0: Tue Mar 21 21:25:29 CDT 2017',
        'panic: vmxnet3_getbuf: buffer has mbuf',
        'Stopped at      db_enter+0x18:  addq    $0x8,%rsp',
        'TID    PID    UID     PRFLAGS     PFLAGS  CPU  COMMAND',
        'panic() at panic+0x10b',
        'vmxnet3_getbuf() at vmxnet3_getbuf+0x1c9',
        'ddb{0}> ',
      ),
    );
    expect(boot.panics).toEqual([
      expect.objectContaining({ kind: 'panic', message: 'vmxnet3_getbuf: buffer has mbuf', line: 2, stoppedAt: 'db_enter+0x18', ddb: true }),
    ]);
    expect(boot.panics[0]!.frames.map((f) => f.line)).toEqual([5, 6]);
    expect(eventsOf(boot, 'ddb-prompt')[0]!.cpu).toBe(0);
  });

  it('treats a trap without a panic line as a failure, even glued to the login prompt', () => {
    const { model } = parseBootLog(log('login: uvm_fault(0xffffff0018def850, 0x50, 0, 1) -> e', 'kernel: page fault trap, code=0', 'Stopped at      vn_writechk+0x13:       testb   $0x8,0x50(%rax)'));
    const boot = judgedBoot(model)!;
    expect(boot.truncatedStart).toBe(true);
    expect(eventsOf(boot, 'login-prompt')[0]!.line).toBe(1);
    expect(boot.panics).toEqual([expect.objectContaining({ kind: 'trap', line: 1, stoppedAt: 'vn_writechk+0x13' })]);
  });

  it('knows the arm64 data abort as a trap', () => {
    const boot = only(log('OpenBSD 7.9 (GENERIC.MP) #222: Wed May  6 18:07:56 MDT 2026', "Fatal kernel mode data abort: 'Translation Fault (L3)'"));
    expect(boot.panics).toEqual([expect.objectContaining({ kind: 'trap', line: 2 })]);
  });

  it('records `panic: init died`', () => {
    const boot = only(log('OpenBSD 7.9 (RAMDISK.ENA) #0: Sun Jun 21 21:23:04 EDT 2026', 'root on rd0a swap on rd0b dump on rd0b', 'panic: init died (signal 0, exit 0)'));
    expect(eventsOf(boot, 'init-died').map((e) => e.line)).toEqual([3]);
  });

  it('reads the interactive root prompt, echoed erases applied, and NFS roots', () => {
    const boot = only(log('OpenBSD 5.3-current (GENERIC) #1: Wed Apr  3 12:59:41 CEST 2013', 'root device: octc0\\^H \\^Hf0a', 'root on octcf0a swap on octcf0b dump on octcf0b'));
    expect(boot.rootPrompts[0]).toMatchObject({ line: 2, answer: 'octcf0a' });
    expect(boot.root).toMatchObject({ device: 'octcf0a', duid: null });
    const nfs = only(log('OpenBSD 3.9-current (GENERIC) #32: Mon May  8 10:32:20 GMT 2006', 'root device : le0', 'root on 10.0.0.1:/home/exports/av400/root'));
    expect(nfs.root).toMatchObject({ nfs: true, device: '10.0.0.1:/home/exports/av400/root' });
    expect(only(log('OpenBSD 5.7 (GENERIC.MP) #881: Sun Mar  8 11:04:17 MDT 2015', 'root device: ')).rootPrompts[0]!.answer).toBeNull();
    expect(only(log('OpenBSD 7.6 (GENERIC.MP) #338: Mon Sep 30 08:55:35 MDT 2024', 'root device (default sd0a): ')).rootPrompts).toEqual([
      expect.objectContaining({ line: 2, answer: null }),
    ]);
  });

  it('does not count userland copies of kernel lines', () => {
    const boot = only(log('OpenBSD 7.9 (RAMDISK) #0: Fri Jun 19 18:29:28 EDT 2026', 'nvme0 at pci0 dev 4 function 0', 'ENA_P1_DMESG: nvme0 at pci0 dev 4 function 0', 'ENA_P1_DMESG: root on rd0a swap on rd0b dump on rd0b'));
    expect(boot.devices).toHaveLength(1);
    expect(boot.root).toBeNull();
    expect(boot.other.map((o) => o.line)).toEqual([3, 4]);
  });

  it('joins the wrapped tail of an 80-column attach line to its device', () => {
    const head = 'uhub2 at usb1 configuration 1 interface 0 "Terminus Technology USB 2.0 Hub [MTT]" rev';
    expect(head.length).toBeGreaterThanOrEqual(80);
    const boot = only(log('OpenBSD 7.7-current (GENERIC) #1: Tue Apr 29 20:43:21 MDT 2025', head, '2.00/60.90 addr 2', 'sd0 at scsibus0'));
    expect(boot.devices.find((d) => d.name === 'uhub2')!.details.map((d) => d.line)).toEqual([3]);
    expect(boot.other).toEqual([]);
  });

  it('numbers lines as in the file for the aws-text framing and \\n\\r line ends', () => {
    const text = 'i-0dc417327eef2230d\tOpenBSD 7.9 (GENERIC.MP) #1: Thu Jun 18 20:27:23 EDT 2026\n\rmainbus0 at root: ACPI\n\rcpu0 at mainbus0 mpidr 0: ARM Neoverse N1 r3p1\n\t2026-06-19T01:03:00+00:00';
    const { model } = parseBootLog(text);
    expect(model).toMatchObject({ framing: 'aws-text', instanceId: 'i-0dc417327eef2230d' });
    expect(model.boots[0]!.kernel.line).toBe(1);
    expect(model.boots[0]!.devices.map((d) => d.line)).toEqual([2, 3]);
  });
});
