import { noPanic } from '../../src/rules/no-panic.js';
import { ruleTester } from './rule-tester.js';
import { XEN_60_OK, lineOf, upTo } from './snippets.js';

const PANIC = `${upTo(XEN_60_OK, 'root on')}
panic: xnf_rxeof: mbuf has no cluster
Stopped at      db_enter+0x10:  popq    %rbp
    TID    PID    UID     PRFLAGS     PFLAGS  CPU  COMMAND
db_enter() at db_enter+0x10
panic(ffffffff81e0a3c1) at panic+0xbf
xnf_rxeof(ffff800000122000) at xnf_rxeof+0x2a2
ddb{0}>`;
const TRAP = `${upTo(XEN_60_OK, 'root on')}
uvm_fault(0xffffffff82248ef8, 0x8, 0, 1) -> e
kernel: page fault trap, code=0
Stopped at      xnf_intr+0x5a:  movq    0x8(%rax),%rcx
ddb{0}>`;
const EARLIER = `${PANIC}\nsyncing disks... done\nrebooting...\n${XEN_60_OK}`;
/** Another CPU's output cut the panic line: only ddb is left. */
const DDB_ONLY = `${XEN_60_OK}
papnaicn:i c:p ooolo_ld_od_og_egte:t
Stopped at      db_enter+0x10:  popq    %rbp
db_enter() at db_enter+0x10
panic() at panic+0x10b
pool_do_get(ffffffff81b3e7a0,2) at pool_do_get+0x2ba
ddb{1}>`;
const PROMPT_ONLY = `${XEN_60_OK}\nddb>`;
const WITNESS = `${XEN_60_OK}
witness: lock order reversal:
 1st 0xffffffff81e5c2a8 netlock (netlock) @ /usr/src/sys/net/if.c:2241
 2nd 0xfffffd80b1f3c1e0 vmmaplk (&map->lock) @ /usr/src/sys/uvm/uvm_map.c:4764
#0  witness_checkorder+0x4a8`;
const KASAN = `${XEN_60_OK}
KASAN: invalid read of 8 bytes at 0xffff80000123a0f8 from pc 0xffffffff8152c9d1
KASAN: pc: xnf_rxeof+0x2a1
panic: Caught invalid memory access at ffff80000123a0f8 size 8 op 0`;
const ASSERTION = `${XEN_60_OK}
pa
kernel diagnostic assertion "m->m_len > 0" failed: file "/usr/src/sys/dev/pv/if_xnf.c", line 681`;
const FAULT_IN_TRAP = `${upTo(XEN_60_OK, 'root on')}
uvm_fault(0xffffffff82248ef8, 0x8, 0, 1) -> e
kernel: page fault trap, code=0
Stopped at      db_enter+0x10:  popq    %rbp
db_enter() at db_enter+0x10
kerntrap(ffff800022d79560) at kerntrap+0xec
alltraps_kern_meltdown() at alltraps_kern_meltdown+0x7b
dovutimens(ffff80002a75a548) at dovutimens+0x368
ddb{0}>`;

ruleTester(noPanic, {
  valid: [
    { name: 'clean boot', code: XEN_60_OK },
    { name: 'an earlier boot panicked, the judged one did not', code: EARLIER },
  ],
  invalid: [
    { name: 'panic with ddb', code: PANIC, reports: [{ status: 'fail', messageId: 'panic', line: lineOf(PANIC, 'panic: xnf_rxeof') }], message: 'panic: xnf_rxeof: mbuf has no cluster' },
    { name: 'panic is decisive live', code: PANIC, inProgress: true, reports: [{ status: 'fail', messageId: 'panic', line: lineOf(PANIC, 'panic: xnf_rxeof') }] },
    {
      name: 'live, an earlier boot of the same instance panicked and it rebooted: its own crash',
      code: EARLIER, ownInstance: true, inProgress: true,
      reports: [{ status: 'fail', messageId: 'earlierBoot', line: lineOf(EARLIER, 'panic: xnf_rxeof') }],
      message: 'an earlier boot of this instance crashed (panic: xnf_rxeof: mbuf has no cluster), then it rebooted',
    },
    { name: 'ddb reached, the panic line unreadable', code: DDB_ONLY, reports: [{ status: 'fail', messageId: 'debugger', line: lineOf(DDB_ONLY, 'papnaicn') }], message: 'stopped in ddb(4) at db_enter+0x10 (in pool_do_get)' },
    { name: 'a bare ddb prompt', code: PROMPT_ONLY, reports: [{ status: 'fail', messageId: 'debugger', line: lineOf(PROMPT_ONLY, 'login:') }] },
    { name: 'witness lock order reversal', code: WITNESS, reports: [{ status: 'fail', messageId: 'panic', line: lineOf(WITNESS, 'witness:') }], message: 'witness: lock order reversal: netlock, vmmaplk' },
    { name: 'KASAN names the faulting function', code: KASAN, reports: [{ status: 'fail', messageId: 'panic', line: lineOf(KASAN, 'KASAN: invalid read') }], message: 'KASAN: invalid memory access in xnf_rxeof' },
    { name: 'an assertion without its panic: prefix', code: ASSERTION, reports: [{ status: 'fail', messageId: 'panic', line: lineOf(ASSERTION, 'kernel diagnostic assertion') }], message: 'assertion "m->m_len > 0" failed' },
    { name: 'a trap titled by the first frame past the trap plumbing', code: FAULT_IN_TRAP, reports: [{ status: 'fail', messageId: 'panic', line: lineOf(FAULT_IN_TRAP, 'uvm_fault') }], message: 'uvm_fault in dovutimens' },
    { name: 'trap without a panic line', code: TRAP, reports: [{ status: 'fail', messageId: 'panic', line: lineOf(TRAP, 'uvm_fault') }], message: 'uvm_fault in xnf_intr' },
  ],
});
