import type { BootSpec } from './boot-spec.js';

/** What the console script needs to know about the instance it runs on. */
export interface BootContext {
  readonly hypervisor: 'xen' | 'nitro';
  readonly instanceType: string;
  /** The guest's own view of its VPC address (the API reports a loopback address instead). */
  readonly vpcIp: string;
  readonly mac: string;
  /** ip-172-31-…, derived from vpcIp as the EC2 DHCP server names it. */
  readonly hostname: string;
  /** "SHA256:…" printed in the ec2-init banner. */
  readonly bannerFingerprint: string;
  /** Wall-clock launch time, for the date(1) line rc prints. */
  readonly launchedAtMs: number;
  /** Disklabel UID of the root disk. */
  readonly duid: string;
}

/** Console text printed at one simulated moment. */
export interface ConsoleChunk {
  /** Simulated seconds since RunInstances. */
  readonly at: number;
  readonly text: string;
  /** Part of the kernel message buffer (what `dmesg` shows), not rc(8) output. */
  readonly kernel: boolean;
}

export interface BootScript {
  readonly chunks: readonly ConsoleChunk[];
  /** Simulated second the line that decides the verdict is printed; null when nothing decides. */
  readonly decisiveAt: number | null;
  /** The guest ever gets an address: if false its address is silent (no SYN-ACK, no RST). */
  readonly network: boolean;
  /** Simulated second sshd(8) accepts connections; null if it never does. */
  readonly sshdAt: number | null;
  readonly dmesg: string;
  readonly uname: string;
}

const EOL = '\r\n';
const GATEWAY_MAC = '0a:3b:7c:41:9e:01';

interface Release {
  readonly banner: string;
  readonly builder: string;
  readonly year: string;
  readonly kernelNumber: string;
}

const RELEASES: Record<BootSpec['release'], Release> = {
  '6.0': { banner: 'OpenBSD 6.0', builder: 'deraadt@amd64.openbsd.org', year: '2016', kernelNumber: '#2319: Tue Jul 26 13:00:43 MDT 2016' },
  '7.6': { banner: 'OpenBSD 7.6', builder: 'deraadt@amd64.openbsd.org', year: '2024', kernelNumber: '#338: Mon Sep 30 08:55:35 MDT 2024' },
};

class ScriptBuilder {
  readonly chunks: ConsoleChunk[] = [];
  decisiveAt: number | null = null;

  add(at: number, lines: readonly string[], kernel: boolean, opts: { decisive?: boolean; noFinalEol?: boolean } = {}): void {
    const text = lines.join(EOL) + (opts.noFinalEol === true ? '' : EOL);
    this.chunks.push({ at, text, kernel });
    if (opts.decisive === true && this.decisiveAt === null) this.decisiveAt = at;
  }
}

/**
 * Renders a boot. An amd64 image launched on a Nitro type always shows the Nitro boot
 * (no ena(4) in any OpenBSD release: no NIC), whatever the scenario was written for,
 * because that is what the real hardware would do to it.
 */
export function renderBoot(spec: BootSpec, ctx: BootContext): BootScript {
  if (spec.arch === 'arm64') return renderGraviton(spec, ctx);
  if (ctx.hypervisor === 'nitro') return renderNitro(spec, ctx);
  return renderXen(spec, ctx);
}

function kernelName(spec: BootSpec): string {
  if (!spec.xenDrivers) return 'NOXEN';
  if (spec.outcome === 'root-device-prompt') return 'NOPCIIDE';
  return 'GENERIC.MP';
}

function loader(spec: BootSpec): string[] {
  if (spec.release === '6.0') {
    return [
      'booting hd0a:/bsd: 6892100+2179088+267272+0+663552 [72+726576+483179]=0xab3868',
      'entry point at 0x1001000 [7205c766, 34000004, 24448b12, 3be0a304]',
      '[ using 1210472 bytes of bsd ELF symbol table ]',
    ];
  }
  return [
    'probing: pc0 com0 mem[638K 1022M a20=on]',
    'disk: hd0+',
    '>> OpenBSD/amd64 BOOT 3.67',
    'boot> ',
    'booting hd0a:/bsd: 17468732+4063248+372768+0+1187840 [1384637+128+1253976+991584]=0x19c8a88',
    'entry point at 0xffffffff81001000',
  ];
}

function kernelBanner(spec: BootSpec, memMB: number): string[] {
  const rel = RELEASES[spec.release];
  const name = kernelName(spec);
  const builder = name.startsWith('GENERIC') ? rel.builder : 'builder@build.example.org';
  const number = name.startsWith('GENERIC') ? rel.kernelNumber : `#0: ${rel.kernelNumber.split(': ')[1] ?? ''}`;
  const real = memMB * 1048576;
  return [
    'Copyright (c) 1982, 1986, 1989, 1991, 1993',
    '\tThe Regents of the University of California.  All rights reserved.',
    `Copyright (c) 1995-${rel.year} OpenBSD. All rights reserved.  https://www.OpenBSD.org`,
    '',
    `${rel.banner} (${name}) ${number}`,
    `    ${builder}:/usr/src/sys/arch/amd64/compile/${name}`,
    `real mem = ${real} (${memMB}MB)`,
    `avail mem = ${Math.round(real * 0.965)} (${Math.round(memMB * 0.965)}MB)`,
  ];
}

function xenFirmware(spec: BootSpec): string[] {
  const xenVersion = spec.release === '6.0' ? '4.2' : '4.11';
  return [
    'mpath0 at root',
    'scsibus0 at mpath0: 256 targets',
    'mainbus0 at root',
    'bios0 at mainbus0: SMBIOS rev. 2.7 @ 0xeb01f (11 entries)',
    `bios0: vendor Xen version "${xenVersion}.amazon" date 08/24/2006`,
    'bios0: Xen HVM domU',
    'acpi0 at bios0: rev 2',
    'acpi0: sleep states S3 S4 S5',
    'acpi0: tables DSDT FACP APIC HPET WAET SSDT SSDT',
    'acpi0: wakeup devices',
    'acpitimer0 at acpi0: 3579545 Hz, 32 bits',
    'acpimadt0 at acpi0 addr 0xfee00000: PC-AT compat',
    'ioapic0 at mainbus0: apid 1 pa 0xfec00000, version 11, 48 pins',
    'cpu0 at mainbus0: apid 0 (boot processor)',
    'cpu0: Intel(R) Xeon(R) CPU E5-2676 v3 @ 2.40GHz, 2400.37 MHz',
    'cpu0: 256KB 64b/line 8-way L2 cache',
    'cpu0: smt 0, core 0, package 0',
    'mtrr: Pentium Pro MTRR support, 8 var ranges, 88 fixed ranges',
    'cpu0: apic clock running at 100MHz',
    'acpihpet0 at acpi0: 62500000 Hz',
    'acpiprt0 at acpi0: bus 0 (PCI0)',
    'acpicpu0 at acpi0: C1(@1 halt!)',
    '"PNP0F13" at acpi0 not configured',
    '"PNP0303" at acpi0 not configured',
    '"PNP0700" at acpi0 not configured',
    '"PNP0501" at acpi0 not configured',
    '"ACPI0007" at acpi0 not configured',
    `pvbus0 at mainbus0: Xen ${xenVersion}`,
  ];
}

/** xen(4) and its children; xbf(4) exists since 6.1, so 6.0 boots from the emulated IDE disk. */
function xenDevices(spec: BootSpec, ctx: BootContext): { lines: string[]; nicLine: number } {
  if (spec.release === '6.0') {
    return {
      lines: [
        'xen0 at pvbus0: features 0x705, 32 grant table frames, event channel 3',
        '"vfb" at xen0: device/vfb/0 not configured',
        '"vbd" at xen0: device/vbd/768 not configured',
        `xnf0 at xen0: backend 0, event channel 5, address ${ctx.mac}`,
        '"console" at xen0: device/console/0 not configured',
      ],
      nicLine: 3,
    };
  }
  return {
    lines: [
      'xen0 at pvbus0: features 0x2705, 32 grant table frames, event channel 3',
      '"vfb" at xen0: device/vfb/0 not configured',
      'xbf0 at xen0 backend 0 channel 6: disk',
      'scsibus1 at xbf0: 2 targets',
      'sd0 at scsibus1 targ 0 lun 0: <Xen, phy xvda 768, 0000> SCSI3 0/direct fixed',
      'sd0: 10240MB, 512 bytes/sector, 20971520 sectors',
      `xnf0 at xen0 backend 0 channel 7: address ${ctx.mac}`,
      '"console" at xen0: device/console/0 not configured',
    ],
    nicLine: 6,
  };
}

function xenPci(spec: BootSpec): string[] {
  const ide = spec.outcome === 'root-device-prompt'
    ? ['"Intel 82371SB IDE" rev 0x00 at pci0 dev 1 function 1 not configured']
    : spec.release === '6.0'
      ? [
          'pciide0 at pci0 dev 1 function 1 "Intel 82371SB IDE" rev 0x00: DMA, channel 0 wired to compatibility, channel 1 wired to compatibility',
          'wd0 at pciide0 channel 0 drive 0: <QEMU HARDDISK>',
          'wd0: 16-sector PIO, LBA48, 8192MB, 16777216 sectors',
          'wd0(pciide0:0:0): using PIO mode 0, DMA mode 2',
          'pciide0: channel 1 disabled (no drives)',
        ]
      : [
          'pciide0 at pci0 dev 1 function 1 "Intel 82371SB IDE" rev 0x00: DMA, channel 0 wired to compatibility, channel 1 wired to compatibility',
          'pciide0: channel 0 disabled (no drives)',
          'pciide0: channel 1 disabled (no drives)',
        ];
  return [
    'pci0 at mainbus0 bus 0',
    'pchb0 at pci0 dev 0 function 0 "Intel 82441FX" rev 0x02',
    'pcib0 at pci0 dev 1 function 0 "Intel 82371SB ISA" rev 0x00',
    ...ide,
    'piixpm0 at pci0 dev 1 function 3 "Intel 82371AB Power" rev 0x01: SMBus disabled',
    'vga1 at pci0 dev 2 function 0 "Cirrus Logic CL-GD5446" rev 0x00',
    'wsdisplay0 at vga1 mux 1: console (80x25, vt100 emulation)',
    'wsdisplay0: screen 1-5 added (80x25, vt100 emulation)',
    'xspd0 at pci0 dev 3 function 0 "XenSource Platform Device" rev 0x01',
    'isa0 at pcib0',
    'isadma0 at isa0',
    'com0 at isa0 port 0x3f8/8 irq 4: ns16550a, 16 byte fifo',
    'com0: console',
    'pckbc0 at isa0 port 0x60/5 irq 1 irq 12',
    'pckbd0 at pckbc0 (kbd slot)',
    'wskbd0 at pckbd0: console keyboard, using wsdisplay0',
    'pms0 at pckbc0 (aux slot)',
    'wsmouse0 at pms0 mux 0',
    'pcppi0 at isa0 port 0x61',
    'spkr0 at pcppi0',
    'nvram: invalid checksum',
    'vscsi0 at root',
    'scsibus2 at vscsi0: 256 targets',
    'softraid0 at root',
    'scsibus3 at softraid0: 256 targets',
  ];
}

const PANIC_IN_ATTACH = [
  'panic: xnf_rx_ring_create: unable to map rx ring',
  'Stopped at      Debugger+0x9:   leave',
  'Debugger() at Debugger+0x9',
  'panic() at panic+0xfe',
  'xnf_attach() at xnf_attach+0x2f1',
  'config_attach() at config_attach+0x1bc',
  'xen_attach_device() at xen_attach_device+0x1b5',
  'xen_probe_devices() at xen_probe_devices+0x1a1',
  'xen_attach() at xen_attach+0x18c',
  'config_attach() at config_attach+0x1bc',
  'end trace frame: 0xffffffff81b7ee80, count: 0',
  'https://www.openbsd.org/ddb.html describes the minimum info required in bug',
  'reports.  Insufficient info makes it difficult to find and fix bugs.',
];

function rootLine(disk: string, duid: string): string {
  return `root on ${disk}a (${duid}.a) swap on ${disk}b dump on ${disk}b`;
}

function dateLine(ms: number): string {
  // date(1) default format: "Tue Sep 20 12:34:19 UTC 2016".
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

function fingerprintBanner(ctx: BootContext): string[] {
  return [
    'ec2: #############################################################',
    'ec2: -----BEGIN SSH HOST KEY FINGERPRINTS-----',
    `ec2: 256 ${ctx.bannerFingerprint} root@${ctx.hostname} (ED25519)`,
    'ec2: -----END SSH HOST KEY FINGERPRINTS-----',
    'ec2: #############################################################',
  ];
}

/** rc(8) from fsck to login:, for a guest whose NIC attached (or not: `nic` false). */
function renderRc(b: ScriptBuilder, spec: BootSpec, ctx: BootContext, start: number, disk: string, nic: boolean, decideAtRoot: boolean): { sshdAt: number; network: boolean } {
  let t = start;
  b.add(t, [
    'clock: unknown CMOS layout',
    'Automatic boot in progress: starting file system checks.',
    `/dev/r${disk}a: file system is clean; not checking`,
    'setting tty flags',
    'pf enabled',
    'starting network',
  ], false);
  let network = false;
  t += 2;
  if (nic && spec.dhcp === 'answered') {
    network = true;
    if (spec.release === '6.0') {
      b.add(t, ['DHCPDISCOVER on xnf0 - interval 1'], false);
      b.add(t + 1, [
        `DHCPOFFER from 172.31.0.1 (${GATEWAY_MAC})`,
        'DHCPREQUEST on xnf0 to 255.255.255.255',
        `DHCPACK from 172.31.0.1 (${GATEWAY_MAC})`,
        `bound to ${ctx.vpcIp} -- renewal in 1800 seconds.`,
      ], false);
      t += 3;
    }
    // dhcpleased(8) in 7.x prints nothing on the console.
  } else if (nic) {
    if (spec.release === '6.0') {
      for (const interval of [1, 2, 4, 8, 16]) {
        b.add(t, [`DHCPDISCOVER on xnf0 - interval ${interval}`], false);
        t += interval;
      }
      b.add(t, ['No acceptable DHCPOFFERS received.', 'No working leases in persistent database - sleeping.'], false, { decisive: !decideAtRoot });
      t += 1;
    } else {
      // dhcpleased gives up silently; rc waits for it (netstart's 'dhcp' timeout) and goes on.
      t += 30;
    }
  }
  b.add(t, [
    spec.release === '6.0' ? 'reordering libraries: done.' : 'reordering: ld.so libc libcrypto sshd sshd-session sshd-auth ssh-agent.',
    'openssl: generating isakmpd/iked RSA keys... done.',
    spec.release === '6.0' ? 'ssh-keygen: generating new host keys: RSA DSA ECDSA ED25519' : 'ssh-keygen: generating new host keys: RSA ECDSA ED25519',
  ], false);
  t += 3;
  b.add(t, [
    'starting early daemons: syslogd pflogd ntpd.',
    'starting RPC daemons:.',
    `savecore: /dev/${disk}b: Device not configured`,
    'checking quotas: done.',
    'clearing /tmp',
    'kern.securelevel: 0 -> 1',
    'creating runtime link editor directory cache.',
    'preserving editor files.',
    spec.release === '6.0' ? 'starting network daemons: sshd smtpd.' : 'starting network daemons: sshd smtpd sndiod.',
  ], false);
  const sshdAt = t;
  t += 2;
  // ec2-init needs the metadata service: no network, no banner, no hostname.
  const hasMetadata = network;
  if (spec.release !== '6.0') b.add(t, ['running rc.firsttime'], false);
  for (let kb = 0, n = 0; kb < (spec.firstBootOutputKb ?? 0); kb += 4) {
    t += 40;
    const lines: string[] = [];
    for (let size = 0; size < 4096; n++) {
      const line = `pkg_add: firstboot-pkg${n}-1.${n % 13}.${n % 7}p${n % 3}: ok (${(n * 7919) % 100_000} bytes)`;
      lines.push(line);
      size += line.length + 2;
    }
    b.add(t, lines, false);
  }
  if (spec.fingerprintBanner && hasMetadata) {
    b.add(t, fingerprintBanner(ctx), false, { decisive: spec.bannerKey === 'other' && !decideAtRoot });
    t += 1;
  }
  const host = hasMetadata ? ctx.hostname : 'Amnesiac';
  b.add(t, ['starting local daemons: cron.', dateLine(ctx.launchedAtMs + t * 1000), '', `OpenBSD/amd64 (${host}) (tty00)`, ''], false);
  b.add(t, ['login: '], false, { decisive: !decideAtRoot, noFinalEol: true });
  return { sshdAt, network };
}

function finish(b: ScriptBuilder, network: boolean, sshdAt: number | null, release: BootSpec['release'], ctx: BootContext, kernel: string): BootScript {
  b.chunks.sort((x, y) => x.at - y.at);
  const dmesg = b.chunks.filter((c) => c.kernel).map((c) => c.text).join('').replaceAll('\r\n', '\n').replace(/^[\s\S]*?(?=OpenBSD \d)/, '');
  const num = release === '6.0' ? '2319' : '338';
  return {
    chunks: b.chunks,
    decisiveAt: b.decisiveAt,
    network,
    sshdAt,
    dmesg,
    uname: `OpenBSD ${ctx.hostname} ${release} ${kernel}#${num} amd64`,
  };
}

function renderXen(spec: BootSpec, ctx: BootContext): BootScript {
  const b = new ScriptBuilder();
  b.add(10, loader(spec), false);
  b.add(11, kernelBanner(spec, 1008), true);
  const firmware = xenFirmware(spec);
  b.add(12, firmware, true);
  if (!spec.xenDrivers) {
    // pvbus(4) still finds the hypervisor; without xen(4) nothing attaches below it.
    b.add(13, xenPci(spec), true);
    b.add(14, [rootLine('wd0', ctx.duid)], true, { decisive: true });
    const rc = renderRc(b, spec, ctx, 15, 'wd0', false, true);
    return finish(b, rc.network, rc.sshdAt, spec.release, ctx, kernelName(spec));
  }
  const dev = xenDevices(spec, ctx);
  if (spec.outcome === 'panic-in-attach') {
    b.add(13, dev.lines.slice(0, dev.nicLine + 1), true);
    b.add(13, PANIC_IN_ATTACH.slice(0, 1), true, { decisive: true });
    b.add(13, PANIC_IN_ATTACH.slice(1), true);
    b.add(13, ['ddb{0}> '], true, { noFinalEol: true });
    return finish(b, false, null, spec.release, ctx, kernelName(spec));
  }
  b.add(13, dev.lines, true);
  b.add(14, xenPci(spec), true);
  if (spec.outcome === 'root-device-prompt') {
    b.add(15, ['root device: '], true, { decisive: true, noFinalEol: true });
    return finish(b, false, null, spec.release, ctx, kernelName(spec));
  }
  const disk = spec.release === '6.0' ? 'wd0' : 'sd0';
  b.add(15, [rootLine(disk, ctx.duid)], true);
  const rc = renderRc(b, spec, ctx, 16, disk, true, false);
  return finish(b, rc.network, rc.sshdAt, spec.release, ctx, kernelName(spec));
}

function renderNitro(spec: BootSpec, ctx: BootContext): BootScript {
  const b = new ScriptBuilder();
  // OpenBSD knows vendor 0x1d0f by name only in later pcidevs.
  const amazon = spec.release === '6.0' ? 'unknown vendor 0x1d0f product' : 'vendor "Amazon.com", unknown product';
  b.add(5, loader(spec), false);
  b.add(6, kernelBanner(spec, 7936), true);
  b.add(7, [
    'mpath0 at root',
    'scsibus0 at mpath0: 256 targets',
    'mainbus0 at root',
    'bios0 at mainbus0: SMBIOS rev. 2.7 @ 0xbffff000 (10 entries)',
    'bios0: vendor Amazon EC2 version "1.0" date 10/16/2017',
    `bios0: Amazon EC2 ${ctx.instanceType}`,
    'acpi0 at bios0: ACPI 4.0',
    'acpi0: sleep states S0 S5',
    'acpi0: tables DSDT FACP SSDT APIC SRAT SLIT WAET HPET',
    'acpimadt0 at acpi0 addr 0xfee00000: PC-AT compat',
    'cpu0 at mainbus0: apid 0 (boot processor)',
    'cpu0: Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz, 2500.00 MHz, 06-55-07',
    'cpu0: 1MB 64b/line 16-way L2 cache',
    'cpu0: smt 0, core 0, package 0',
    'ioapic0 at mainbus0: apid 0 pa 0xfec00000, version 11, 24 pins',
    'acpihpet0 at acpi0: 62500000 Hz',
    'acpiprt0 at acpi0: bus 0 (PCI0)',
    'acpicpu0 at acpi0: C1(@1 halt!)',
    'pvbus0 at mainbus0: KVM',
    'pci0 at mainbus0 bus 0',
    'pchb0 at pci0 dev 0 function 0 "Intel 82441FX" rev 0x00',
    'pcib0 at pci0 dev 1 function 0 "Intel 82371SB ISA" rev 0x00',
    `${amazon} 0x1111 (class display subclass VGA, rev 0x00) at pci0 dev 3 function 0 not configured`,
    `nvme0 at pci0 dev 4 function 0 ${amazon} 0x8061 rev 0x00: msix, NVMe 1.0`,
    'nvme0: Amazon Elastic Block Store, firmware 1.0, serial vol0a7b367bf9e0dcee6',
    'scsibus1 at nvme0: 2 targets, initiator 0',
    'sd0 at scsibus1 targ 1 lun 0: <NVMe, Amazon Elastic B, 1.0> SCSI4 0/direct fixed',
    'sd0: 8192MB, 512 bytes/sector, 16777216 sectors',
    `${amazon} 0xec20 (class network subclass ethernet, rev 0x00) at pci0 dev 5 function 0 not configured`,
    'isa0 at pcib0',
    'isadma0 at isa0',
    'com0 at isa0 port 0x3f8/8 irq 4: ns16550a, 16 byte fifo',
    'com0: console',
    'vscsi0 at root',
    'scsibus2 at vscsi0: 256 targets',
    'softraid0 at root',
    'scsibus3 at softraid0: 256 targets',
  ], true);
  // Attach is over at the root line: the no-NIC diagnosis is decided there.
  b.add(8, [rootLine('sd0', ctx.duid)], true, { decisive: true });
  const rc = renderRc(b, spec, ctx, 9, 'sd0', false, true);
  return finish(b, rc.network, rc.sshdAt, spec.release, ctx, kernelName(spec));
}

/** Stock arm64 kernel on Graviton (corpus 010/012): nvme(4) cannot create its I/O queue, so no root disk. */
function renderGraviton(spec: BootSpec, ctx: BootContext): BootScript {
  const b = new ScriptBuilder();
  const rel = RELEASES[spec.release];
  b.add(4, ['disks: sd0*', '>> OpenBSD/arm64 BOOTAA64 1.19', 'boot> ', 'booting sd0a:/bsd: 12705212+2607680+222808+859728 [1063520+109+1148208+611786]=0x1367d18'], false);
  b.add(5, [
    'FACP APIC SPCR GTDT MCFG SLIT IORT PPTT ',
    '[ using 2824952 bytes of bsd ELF symbol table ]',
    'Copyright (c) 1982, 1986, 1989, 1991, 1993',
    '\tThe Regents of the University of California.  All rights reserved.',
    `Copyright (c) 1995-${rel.year} OpenBSD. All rights reserved.  https://www.OpenBSD.org`,
    '',
    `${rel.banner} (GENERIC.MP) ${rel.kernelNumber}`,
    '    deraadt@arm64.openbsd.org:/usr/src/sys/arch/arm64/compile/GENERIC.MP',
    'real mem  = 490606592 (467MB)',
    'avail mem = 434561024 (414MB)',
    'random: good seed from bootblocks',
    'mainbus0 at root: ACPI',
    'psci0 at mainbus0: PSCI 1.0, SMCCC 1.1',
    'efi0 at mainbus0: UEFI 2.7',
    'efi0: EDK II rev 0x10000',
    'smbios0 at efi0: SMBIOS 3.0.0',
    'smbios0: vendor Amazon EC2 version "1.0" date 11/1/2018',
    `smbios0: Amazon EC2 ${ctx.instanceType}`,
    'cpu0 at mainbus0 mpidr 0: ARM Neoverse N1 r3p1',
    'agintc0 at mainbus0 shift 4:4 nirq 128 nredist 2: "interrupt-controller"',
    'agtimer0 at mainbus0: 121875 kHz',
    'acpi0 at mainbus0: ACPI 6.0',
    'acpipci0 at acpi0 PCI0',
    'pci0 at acpipci0',
    'vendor "Amazon.com", unknown product 0x0200 (class bridge subclass host, rev 0x00) at pci0 dev 0 function 0 not configured',
    'vendor "Amazon.com", unknown product 0x8250 (class communications subclass serial, rev 0x00) at pci0 dev 1 function 0 not configured',
    'nvme0 at pci0 dev 4 function 0 vendor "Amazon.com", unknown product 0x8061 rev 0x00: msix, NVMe 1.0',
    'nvme0: Amazon Elastic Block Store, firmware 1.0, serial vol05819806715ee6988',
  ], true);
  b.add(6, ['nvme0: unable to create io q'], true, { decisive: true });
  b.add(6, [
    'vendor "Amazon.com", unknown product 0xec20 (class network subclass ethernet, rev 0x00) at pci0 dev 5 function 0 not configured',
    'vscsi0 at root',
    'scsibus0 at vscsi0: 256 targets',
    'softraid0 at root',
    'scsibus1 at softraid0: 256 targets',
  ], true);
  const script = finish(b, false, null, spec.release, ctx, 'GENERIC.MP');
  return { ...script, uname: script.uname.replace(/amd64$/, 'arm64') };
}
