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

ruleTester(noPanic, {
  valid: [
    { name: 'clean boot', code: XEN_60_OK },
    { name: 'an earlier boot panicked, the judged one did not', code: EARLIER },
  ],
  invalid: [
    { name: 'panic with ddb', code: PANIC, reports: [{ status: 'fail', messageId: 'panic', line: lineOf(PANIC, 'panic: xnf_rxeof') }], message: 'panic: xnf_rxeof: mbuf has no cluster' },
    { name: 'panic is decisive live', code: PANIC, inProgress: true, reports: [{ status: 'fail', messageId: 'panic', line: lineOf(PANIC, 'panic: xnf_rxeof') }] },
    { name: 'trap without a panic line', code: TRAP, reports: [{ status: 'fail', messageId: 'panic', line: lineOf(TRAP, 'uvm_fault') }], message: 'kernel trap' },
  ],
});
