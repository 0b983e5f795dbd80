import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRedactor, redactReport, redactText } from '../../src/redact/index.js';
import { corpusDir } from '../helpers/corpus.js';

/** The shared corpus, or null without it: the corpus cases are skipped then, nothing is read. */
const corpus = corpusDir();
const fixtures = resolve(__dirname, '../../fixtures/diff');

/**
 * Identifying substrings found independently of the redactor's own patterns, so a pattern
 * that stops matching shows up here as a survivor.
 */
function identifying(text: string): string[] {
  const found = new Set<string>();
  const add = (re: RegExp, group = 0) => {
    for (const m of text.matchAll(re)) found.add(m[group]!);
  };
  add(/\b[0-9a-f]{2}(?::[0-9a-f]{2}){5}\b/gi); // MAC
  add(/\b(?:\d{1,3}\.){3}\d{1,3}\b/g); // IPv4
  add(/SHA256:[A-Za-z0-9+/]{43}/g); // fingerprint
  add(/OpenBSD\/\w+ \(([^)]+)\)/g, 1); // login banner host
  add(/root@([\w.-]+)/g, 1); // key comment host
  add(/\(([0-9a-f]{16})\.[a-p]\)/g, 1); // DUID on the root line
  add(/\bi-[0-9a-f]{17}\b/g); // instance id
  add(/serial (vol[0-9a-f]+)/g, 1); // EBS volume serial
  const publicIps = new Set(['255.255.255.255', '0.0.0.0', '127.0.0.1', '169.254.169.254']);
  return [...found].filter((s) => !publicIps.has(s) && !/^x+$/i.test(s.replace(/[:.]/g, '')));
}

const awsLogs = corpus === null ? [] : readdirSync(corpus).filter((f) => /^0\d\d-aws-/.test(f));
const fixtureLogs = readdirSync(fixtures).filter((f) => f.endsWith('.log'));

describe('nothing identifying survives', () => {
  it.skipIf(corpus === null)('finds AWS corpus logs to test against', () => {
    expect(awsLogs.length).toBeGreaterThanOrEqual(6);
  });
  for (const [dir, files] of [[corpus ?? '', awsLogs], [fixtures, fixtureLogs]] as const) {
    for (const f of files) {
      it(f, () => {
        const original = readFileSync(join(dir, f), 'latin1');
        const secrets = identifying(original);
        const out = redactText(original, { salt: 'test' });
        for (const s of secrets) expect(out, `survived: ${s}`).not.toContain(s);
        // Redaction must not eat the log: line count and kernel banner stay.
        expect(out.split('\n').length).toBe(original.split('\n').length);
      });
    }
  }
  it.skipIf(corpus === null)('has secrets to look for in the xen 6.0 capture (the check above is not vacuous)', () => {
    const secrets = identifying(readFileSync(join(corpus!, '002-aws-xen-6.0-ec2-console-full.txt'), 'latin1'));
    expect(secrets).toEqual(expect.arrayContaining(['0a:1c:b6:97:68:01', '172.30.1.103', '2979aa8c169aafe5']));
    expect(secrets.some((s) => s.startsWith('SHA256:'))).toBe(true);
  });
});

describe('createRedactor', () => {
  const sample = [
    'xnf0 at xen0: backend 0, event channel 5, address 0a:1c:b6:97:68:01',
    'root on sd0a (2979aa8c169aafe5.a) swap on sd0b dump on sd0b',
    'xnf0: 10.0.0.5 lease accepted from 10.0.0.1 (0a:19:74:ac:55:91)',
    'inet6 fe80::81c:b6ff:fe97:6801%xnf0 prefixlen 64 and 2001:db8:0:1::5',
    'ec2: 256 SHA256:J7GMuHoGxBG5XvrqQ3y/9/LZOd8CT9u0ib3JFUftnNM root@build-box.example.org (ED25519)',
    'ec2: 2048 MD5:1a:2b:3c:4d:5e:6f:70:81:92:a3:b4:c5:d6:e7:f8:09 root@build-box.example.org (RSA)',
    'OpenBSD/amd64 (build-box.example.org) (tty00)',
    'Last login from build-box.example.org on ttyp0',
    'i-0dc417327eef2230d ami-0abc1234def567890 vol-0123456789abcdef0',
    'nvme0: Amazon Elastic Block Store, firmware 1.0, serial vol05819806715ee6988',
    'arn:aws:iam::123456789012:role/gate and OwnerId: 210987654321',
    'DHCPREQUEST on xnf0 to 255.255.255.255 at 12:34:19',
  ].join('\n');

  it('replaces every identifier kind with a typed token', () => {
    const out = createRedactor({ salt: 's' }).text(sample);
    for (const secret of [
      '0a:1c:b6:97:68:01', '2979aa8c169aafe5', '10.0.0.5', '10.0.0.1', 'fe80::81c:b6ff:fe97:6801', '2001:db8:0:1::5',
      'J7GMuHoGxBG5XvrqQ3y', '1a:2b:3c:4d', 'build-box', 'i-0dc417327eef2230d', 'ami-0abc1234def567890',
      'vol-0123456789abcdef0', 'vol05819806715ee6988', '123456789012', '210987654321',
    ]) {
      expect(out).not.toContain(secret);
    }
    for (const kind of ['mac', 'duid', 'ip', 'fp', 'host', 'aws', 'serial', 'account']) {
      expect(out).toMatch(new RegExp(`<${kind}:[0-9a-f]{6}>`));
    }
    // Not identifying, and useful to a reader.
    expect(out).toContain('255.255.255.255');
    expect(out).toContain('12:34:19');
    expect(out).toContain('xnf0 at xen0: backend 0, event channel 5');
  });

  it('keeps firmware versions shaped like IPv4 addresses, and still redacts the addresses next to them', () => {
    const text = [
      'bnxt0 at pci0 dev 5 function 0 "Broadcom BCM57414" rev 0x01: fw ver 218.0.219.13, msix, address 0a:1c:b6:97:68:01',
      'ixl0: port 0, FW 8.1.63.1 API 1.12, msix, address 0a:19:74:ac:55:91',
      'bios0: vendor Amazon EC2 version "1.0.0.4" date 10/16/2017',
      'ena0: firmware v2.1.0.1; DHCPACK from 10.0.0.1 (xid=0x1234); bound to 10.0.0.5',
    ].join('\n');
    const out = createRedactor({ salt: 's' }).text(text);
    for (const version of ['218.0.219.13', '8.1.63.1', '"1.0.0.4"', 'v2.1.0.1']) expect(out).toContain(version);
    for (const secret of ['10.0.0.1', '10.0.0.5', '0a:1c:b6:97:68:01']) expect(out).not.toContain(secret);
  });

  it('a string redacted before a host was learnt is redacted again after (no stale result is reused)', () => {
    const r = createRedactor({ salt: 's' });
    expect(r.text('ping web-7.corp.example')).toBe('ping web-7.corp.example');
    r.learn('OpenBSD/amd64 (web-7.corp.example) (tty00)');
    expect(r.text('ping web-7.corp.example')).toMatch(/^ping <host:[0-9a-f]{6}>$/);
    expect(r.value({ a: ['ping web-7.corp.example'] })).toEqual({ a: [r.text('ping web-7.corp.example')] });
  });

  it('keeps an own __proto__ key of hostile JSON a plain property', () => {
    const v = createRedactor({ salt: 's' }).value(JSON.parse('{"__proto__":{"ip":"10.1.2.3"},"b":1}') as Record<string, unknown>);
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(JSON.stringify(v)).toMatch(/^\{"__proto__":\{"ip":"<ip:[0-9a-f]{6}>"\},"b":1\}$/);
  });

  it('gives the same input the same token, and different inputs different tokens', () => {
    const r = createRedactor({ salt: 's' });
    const a = r.text('address 0a:1c:b6:97:68:01');
    expect(r.text('DHCPACK from 1.2.3.4 (0A:1C:B6:97:68:01)')).toContain(a.slice('address '.length));
    expect(r.text('address 0a:1c:b6:97:68:02')).not.toBe(a);
  });

  it('salts: a given salt is reproducible, no salt differs per redactor', () => {
    const mac = 'address 0a:1c:b6:97:68:01';
    expect(createRedactor({ salt: 'a' }).text(mac)).toBe(createRedactor({ salt: 'a' }).text(mac));
    expect(createRedactor({ salt: 'a' }).text(mac)).not.toBe(createRedactor({ salt: 'b' }).text(mac));
    expect(createRedactor().text(mac)).not.toBe(createRedactor().text(mac));
  });

  it('redacts every string field of a report-like object without touching the input', () => {
    const report = {
      verdict: 'pass',
      count: 3,
      findings: [{ evidence: [{ line: 9, text: 'OpenBSD/amd64 (openbsd.home) (tty00)' }] }],
      host: 'openbsd.home',
      console: 'bound to 172.30.1.103 -- renewal in 1800 seconds.',
    };
    const before = JSON.stringify(report);
    const r = createRedactor({ salt: 's' });
    const out = redactReport(report, r);
    expect(JSON.stringify(report)).toBe(before);
    expect(JSON.stringify(out)).not.toMatch(/openbsd\.home|172\.30\.1\.103/);
    // The host learnt from the banner is replaced in a field that holds it bare, with the same token.
    expect(out.host).toMatch(/^<host:[0-9a-f]{6}>$/);
    expect(out.findings[0]!.evidence[0]!.text).toContain(out.host);
    expect(out.count).toBe(3);
    expect(out.findings[0]!.evidence[0]!.line).toBe(9);
  });

  it('leaves the public builder of a release kernel alone', () => {
    const line = '    deraadt@amd64.openbsd.org:/usr/src/sys/arch/amd64/compile/GENERIC.MP';
    expect(redactText(line, { salt: 's' })).toBe(line);
  });
});
