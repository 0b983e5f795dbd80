import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkModel } from '../../src/check/check.js';
import { DIAGNOSES } from '../../src/diagnosis/index.js';
import { parseBootLog } from '../../src/parser/index.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/dmesg');

/** The console part of a fixture: everything after the header and its blank line. */
function consoleOf(name: string): string {
  const text = readFileSync(join(dir, name), 'utf8');
  return text.slice(text.indexOf('\n\n') + 2);
}

function diagnosesOf(name: string) {
  const text = consoleOf(name);
  return { text, diagnoses: checkModel(parseBootLog(text).model).diagnoses };
}

const lineOf = (text: string, s: string) => text.split('\n').findIndex((l) => l.includes(s)) + 1;

describe('diagnoses', () => {
  it('every diagnosis id has a fixture that produces it', () => {
    const files = readdirSync(dir);
    for (const d of DIAGNOSES) {
      const candidates = files.filter((f) => readFileSync(join(dir, f), 'utf8').split('\n\n')[0]!.split('\n').includes(`DIAGNOSIS: ${d.id}`));
      expect(`${d.id}: ${candidates.length}`).not.toBe(`${d.id}: 0`);
      for (const f of candidates) expect(diagnosesOf(f).diagnoses.map((x) => x.id)).toContain(d.id);
    }
  });

  it('nitro-no-ena points at the ENA device and says what to do', () => {
    const { text, diagnoses } = diagnosesOf('diag-nitro-no-ena.log');
    expect(diagnoses).toHaveLength(1);
    expect(diagnoses[0]!.evidence.map((e) => e.line)).toEqual([lineOf(text, '0x1d0f')]);
    expect(diagnoses[0]!.remedy).toContain('EnaSupport=false');
    expect(diagnoses[0]!.remedy).toMatch(/t2, m4, c4/);
  });

  it('kernel-panic quotes the message and the first frames', () => {
    const { text, diagnoses } = diagnosesOf('diag-kernel-panic.log');
    expect(diagnoses[0]!.summary).toContain('xnf_rxeof: mbuf has no cluster');
    expect(diagnoses[0]!.summary).toContain('db_enter');
    expect(diagnoses[0]!.evidence[0]!.line).toBe(lineOf(text, 'panic: xnf_rxeof'));
  });

  it('root cause first: a panic explains the stall, no boot-stalled', () => {
    const ids = diagnosesOf('diag-kernel-panic.log').diagnoses.map((d) => d.id);
    expect(ids).toEqual(['kernel-panic']);
  });

  it('no network explains the missing banner: no banner-missing next to no-dhcp-attempt', () => {
    expect(diagnosesOf('diag-no-dhcp-attempt.log').diagnoses.map((d) => d.id)).toEqual(['no-dhcp-attempt']);
    expect(diagnosesOf('diag-no-dhcp-attempt.log').diagnoses[0]!.remedy).toContain('/etc/hostname.xnf0');
  });

  it('banner-missing names IMDSv2 as a likely cause', () => {
    expect(diagnosesOf('diag-banner-missing.log').diagnoses[0]!.remedy).toMatch(/HttpTokens=required/);
  });

  it('boot-stalled quotes the last line', () => {
    const { text, diagnoses } = diagnosesOf('diag-boot-stalled.log');
    expect(diagnoses[0]!.summary).toContain(`line ${lineOf(text, 'starting early daemons')}`);
  });

  it('kernel-lacks-xen names the release', () => {
    expect(diagnosesOf('diag-kernel-lacks-xen.log').diagnoses[0]!.summary).toContain('OpenBSD 5.8 predates xen(4)');
  });

  it('arm64 (Graviton) remedies never name an x86 instance family; x86 ones still do', () => {
    for (const name of ['graviton-t4g-nvme-io-q-failed.log', 'graviton-7.6-ramdisk-root-rd0a-console-not-serial.log']) {
      const { diagnoses } = diagnosesOf(name);
      expect(diagnoses.length).toBeGreaterThan(0);
      for (const d of diagnoses) expect(`${name} ${d.id}: ${d.remedy}`).not.toMatch(/\b(?:t2|m4|c4)\b/);
    }
    expect(diagnosesOf('diag-nitro-no-ena.log').diagnoses[0]!.remedy).toMatch(/t2, m4, c4/);
  });

  it('console-not-serial names the unconfigured serial port', () => {
    const { text, diagnoses } = diagnosesOf('graviton-7.6-ramdisk-root-rd0a-console-not-serial.log');
    const d = diagnoses.find((x) => x.id === 'console-not-serial')!;
    expect(d.summary).toContain('serial port at pci0 is not configured');
    expect(d.evidence.map((e) => e.line)).toEqual([lineOf(text, "init: can't open /dev/console"), lineOf(text, 'subclass serial')]);
  });

  it('kernel-debugger says where ddb stopped and the last line before it', () => {
    const { text, diagnoses } = diagnosesOf('ec2-6.0-multicpu-panic-line-cut-ddb.log');
    expect(diagnoses[0]!.id).toBe('kernel-debugger');
    expect(diagnoses[0]!.summary).toContain('at db_enter+0x10 (in pool_do_get)');
    expect(diagnoses[0]!.summary).toContain(`line ${lineOf(text, 'papnaicn')}`);
  });
});

describe('kernel-debugger on a witness(4) lock order reversal', () => {
  const boot = consoleOf('xen-6.0-healthy-wd0-timestamp.log');
  const lor = 'witness: lock order reversal:\n 1st 0xffff800000a1b2c0 vmmaplk (&map->lock)\n 2nd 0xffff800000a1b3d0 inode (&ip->i_lock)\nlock order data w2 -> w1 missing\n';
  const diagnosis = (text: string) => checkModel(parseBootLog(text).model).diagnoses.find((d) => d.id === 'kernel-debugger');

  it('with no ddb stop after it (a WITNESS kernel without WITNESS_WATCH goes on): says so, no ddb advice', () => {
    const d = diagnosis(`${boot}\n${lor}`)!;
    expect(d.summary).toMatch(/^the kernel reported a lock order reversal and went on \(no ddb stop on the console\): witness\(4\) lock order reversal: vmmaplk, inode/);
    expect(d.remedy).not.toMatch(/In ddb/);
  });

  it('followed by `Stopped at` and the ddb prompt: stopped in ddb, with the ddb advice', () => {
    const d = diagnosis(`${boot}\n${lor}Stopped at      db_enter+0x18:  addq    $0x8,%rsp\nddb{0}> `)!;
    expect(d.summary).toMatch(/^the kernel stopped in ddb\(4\) at db_enter\+0x18/);
    expect(d.remedy).toMatch(/In ddb, `show panic`/);
  });
});
