/**
 * Console snippets for rule tests, cut from real EC2 captures (corpus 001/002) and
 * varied one line at a time, so each test shows exactly what changed.
 */
export const XEN_60_OK = `OpenBSD 6.0 (GENERIC.MP) #2319: Tue Jul 26 13:00:43 MDT 2016
    deraadt@amd64.openbsd.org:/usr/src/sys/arch/amd64/compile/GENERIC.MP
real mem = 1056964608 (1008MB)
avail mem = 1020514304 (973MB)
mainbus0 at root
bios0 at mainbus0: SMBIOS rev. 2.4 @ 0xeb01f (11 entries)
bios0: vendor Xen version "4.2.amazon" date 05/12/2016
bios0: Xen HVM domU
acpi0 at bios0: rev 2
pvbus0 at mainbus0: Xen 4.2
xen0 at pvbus0: features 0x705, 32 grant table frames, event channel 3
"vfb" at xen0: device/vfb/0 not configured
"vbd" at xen0: device/vbd/768 not configured
xnf0 at xen0: backend 0, event channel 5, address 0a:1c:b6:97:68:01
"console" at xen0: device/console/0 not configured
pci0 at mainbus0 bus 0
pciide0 at pci0 dev 1 function 1 "Intel 82371SB IDE" rev 0x00: DMA, channel 0 wired to compatibility, channel 1 wired to compatibility
wd0 at pciide0 channel 0 drive 0: <QEMU HARDDISK>
xspd0 at pci0 dev 3 function 0 "XenSource Platform Device" rev 0x01
isa0 at pcib0
com0 at isa0 port 0x3f8/8 irq 4: ns16550a, 16 byte fifo
com0: console
root on wd0a (2979aa8c169aafe5.a) swap on wd0b dump on wd0b
clock: unknown CMOS layout
Automatic boot in progress: starting file system checks.
/dev/rwd0a: file system is clean; not checking
pf enabled
starting network
DHCPDISCOVER on xnf0 - interval 3
DHCPOFFER from 172.30.1.1 (0a:19:74:ac:55:91)
DHCPREQUEST on xnf0 to 255.255.255.255
DHCPACK from 172.30.1.1 (0a:19:74:ac:55:91)
bound to 172.30.1.103 -- renewal in 1800 seconds.
ssh-keygen: generating new host keys: RSA DSA ECDSA ED25519
starting early daemons: syslogd pflogd ntpd.
starting network daemons: sshd smtpd.
ec2: #############################################################
ec2: -----BEGIN SSH HOST KEY FINGERPRINTS-----
ec2: 256 SHA256:WJapW3FW03cZk/6z3AhNafnh+L12otWXVcpgT7BsH1s root@ip-172-30-1-103.eu-west-1.compute.internal (ECDSA)
ec2: 256 SHA256:J7GMuHoGxBG5XvrqQ3y/9/LZOd8CT9u0ib3JFUftnNM root@ip-172-30-1-103.eu-west-1.compute.internal (ED25519)
ec2: 2048 SHA256:hz9Dz3j8E7t66TQHt6FDqvtLF3mKEy1IdZhlyQidCZY root@ip-172-30-1-103.eu-west-1.compute.internal (RSA)
ec2: -----END SSH HOST KEY FINGERPRINTS-----
ec2: #############################################################
starting local daemons: cron.
Tue Sep 20 12:34:19 UTC 2016

OpenBSD/amd64 (ip-172-30-1-103.eu-west-1.compute.internal) (tty00)

login: `;

/** A KVM guest (corpus 021 style): vio0 at virtio, no EC2 agent. */
export const KVM_62_OK = `OpenBSD 6.2 (GENERIC) #91: Wed Oct  4 00:35:21 MDT 2017
    deraadt@amd64.openbsd.org:/usr/src/sys/arch/amd64/compile/GENERIC
real mem = 1056833536 (1007MB)
avail mem = 1017790464 (970MB)
mainbus0 at root
bios0 at mainbus0: SMBIOS rev. 2.8 @ 0xf6a60 (10 entries)
bios0: vendor SeaBIOS version "1.10.2-1" date 04/01/2014
bios0: QEMU Standard PC (i440FX + PIIX, 1996)
pvbus0 at mainbus0: KVM
pci0 at mainbus0 bus 0
virtio0 at pci0 dev 3 function 0 "Qumranet Virtio Network" rev 0x00
vio0 at virtio0: address 56:00:01:6b:4c:1d
virtio1 at pci0 dev 4 function 0 "Qumranet Virtio Storage" rev 0x00
vioblk0 at virtio1
scsibus1 at vioblk0: 2 targets
sd0 at scsibus1 targ 0 lun 0: <VirtIO, Block Device, > SCSI3 0/direct fixed
root on sd0a (35b8c1d3b2b8f1a9.a) swap on sd0b dump on sd0b
Automatic boot in progress: starting file system checks.
starting network
DHCPREQUEST on vio0 to 255.255.255.255
DHCPACK from 10.0.0.1 (56:00:01:6b:4c:1d)
bound to 10.0.0.5 -- renewal in 43200 seconds.
starting network daemons: sshd smtpd.
starting local daemons: cron.

OpenBSD/amd64 (vultr.guest) (tty00)

login: `;

/** A Nitro x86 instance: pvbus KVM, EBS on nvme, the ENA NIC without a driver. */
export const NITRO_75 = `OpenBSD 7.5 (GENERIC.MP) #82: Wed Mar 20 15:48:40 MDT 2024
    deraadt@amd64.openbsd.org:/usr/src/sys/arch/amd64/compile/GENERIC.MP
mainbus0 at root
bios0 at mainbus0: SMBIOS rev. 2.7 @ 0xe8f00 (10 entries)
bios0: vendor Amazon EC2 version "1.0" date 10/16/2017
pvbus0 at mainbus0: KVM
pci0 at mainbus0 bus 0
nvme0 at pci0 dev 4 function 0 vendor "Amazon.com", unknown product 0x8061 rev 0x00: msix, NVMe 1.0
nvme0: Amazon Elastic Block Store, firmware 1.0, serial vol0123456789abcdef0
unknown vendor 0x1d0f product 0xec20 (class network subclass ethernet, rev 0x00) at pci0 dev 5 function 0 not configured
root on sd0a (0123456789abcdef.a) swap on sd0b dump on sd0b
starting network`;

/** 1-based line of the first line matching `pattern`; throws so a typo cannot pass silently. */
export function lineOf(text: string, pattern: string | RegExp): number {
  const i = text.split('\n').findIndex((l) => (typeof pattern === 'string' ? l.includes(pattern) : pattern.test(l)));
  if (i < 0) throw new Error(`snippet has no line matching ${String(pattern)}`);
  return i + 1;
}

/** Replaces the first line matching `pattern` (an empty replacement keeps the line count). */
export function replaceLine(text: string, pattern: string | RegExp, replacement: string): string {
  const lines = text.split('\n');
  lines[lineOf(text, pattern) - 1] = replacement;
  return lines.join('\n');
}

/** Removes every line matching `pattern`. */
export function withoutLines(text: string, pattern: RegExp): string {
  return text.split('\n').filter((l) => !pattern.test(l)).join('\n');
}

/** Keeps lines up to and including the first one matching `pattern`. */
export function upTo(text: string, pattern: string | RegExp): string {
  return text.split('\n').slice(0, lineOf(text, pattern)).join('\n');
}
