import type { Panic } from './boot-model.js';

/**
 * Frames that are how the kernel got into the debugger, not where it went wrong: the
 * first frame that matches none of these is the faulting function. `*` ends a prefix.
 * One entry per family, with where it comes from (ddb(4), panic(9), witness(4), KASAN).
 */
export const PLUMBING_FRAMES: readonly { readonly name: string; readonly why: string }[] = [
  { name: 'panic', why: 'panic(9) itself' },
  { name: '__assert', why: 'KASSERT/assert(9) calls panic' },
  { name: 'Debugger', why: 'enters ddb(4)' },
  { name: 'db_*', why: 'ddb(4) internals (db_enter, db_ktrap …)' },
  { name: 'x86_ipi_db', why: 'another CPU stopped for ddb' },
  { name: 'savectx', why: 'context save on the way into ddb' },
  { name: 'trap', why: 'the trap handler' },
  { name: 'kerntrap', why: 'kernel-mode trap handler' },
  { name: 'pageflttrap', why: 'page-fault trap handler' },
  { name: 'upageflttrap', why: 'page-fault trap handler' },
  { name: 'alltraps*', why: 'trap entry stubs (alltraps_kern, alltraps_kern_meltdown …)' },
  { name: 'uvm_fault', why: 'a trap names it in its message already' },
  { name: 'witness_*', why: 'witness(4) checking (witness_checkorder, witness_debugger …)' },
  { name: 'kasan_*', why: 'KASAN shadow checks (kasan_memcpy …)' },
  { name: '__asan_*', why: 'KASAN instrumentation (__asan_load8_noabort …)' },
];

function isPlumbing(fn: string): boolean {
  for (const { name } of PLUMBING_FRAMES) {
    if (name.endsWith('*') ? fn.startsWith(name.slice(0, -1)) : fn === name) return true;
  }
  return false;
}

/** `db_enter+0x18` → db_enter; a trace frame `f(…) at f+0x15c …` → f; `#3  uvm_map+0x2e2` → uvm_map. */
export function frameFunction(text: string): string | null {
  const at = / at ([A-Za-z_][\w.]*)\+0x/.exec(text) ?? /^(?:#\d+\s+)?([A-Za-z_][\w.]*)\+0x/.exec(text.trim());
  return at ? at[1]! : null;
}

/** The function the crash happened in: the first of `Stopped at` and the trace frames that is not plumbing. */
export function faultingFunction(p: Panic): string | null {
  const candidates = [p.stoppedAt ?? '', ...p.frames.map((f) => f.text)];
  for (const c of candidates) {
    const fn = frameFunction(c);
    if (fn !== null && !isPlumbing(fn)) return fn;
  }
  return null;
}

const KASAN_PANIC = /^Caught invalid memory access\b/;

/**
 * A one-line title a person can search for, naming the faulting function where the log
 * has one: `uvm_fault in dovutimens`, `KASAN: invalid memory access in bioioctl`,
 * `panic: timeout_add: to_ticks (-3) < 0`, `witness: lock order reversal: vmmaplk, inode`,
 * `kernel debugger entered in rtable_satoplen`.
 */
export function crashTitle(p: Panic): string {
  const fn = faultingFunction(p);
  const inFn = fn !== null ? ` in ${fn}` : '';
  switch (p.kind) {
    case 'trap': {
      // `uvm_fault(0x…, 0x70, 0, 1) -> e` → uvm_fault; `kernel: page fault trap, code=0` → page fault trap.
      const what = /^uvm_fault\(/.test(p.message) ? 'uvm_fault' : p.message.replace(/^kernel:\s*/, '').replace(/[,(].*$/, '').trim();
      return `${what}${inFn}`;
    }
    case 'kasan':
      return `KASAN: invalid memory access${inFn}`;
    case 'witness':
      return `witness: ${p.message}`;
    case 'debugger':
      return `kernel debugger entered${inFn}`;
    case 'assertion':
    case 'panic': {
      if (KASAN_PANIC.test(p.message)) return `KASAN: invalid memory access${inFn}`;
      const head = p.kind === 'panic' ? `panic: ${p.message}` : p.message;
      return fn !== null && !p.message.includes(fn) ? `${head}${inFn}` : head;
    }
  }
}
