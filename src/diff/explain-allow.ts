import type { AllowEntry } from './allow.js';

/** `bootgate diff --explain-allow`: the built-in entries per release step, then the file's; what each covers and why. */
export function formatAllowList(builtin: readonly AllowEntry[], file: readonly AllowEntry[], all: readonly AllowEntry[], fileName: string | null): string {
  const out: string[] = ['Built-in allow list (known, harmless release-to-release changes; `*` matches any run of characters):', ''];
  const off = all.filter((e) => !builtin.includes(e));
  let step: string | undefined;
  for (const e of builtin) {
    if (e.step !== step) {
      step = e.step;
      out.push(`${step ?? '(any release)'}`);
    }
    out.push(`  ${(e.id ?? '').padEnd(20)} ${describe(e)}`, `  ${''.padEnd(20)} ${e.reason}`);
  }
  if (builtin.length === 0) out.push('  (none in force)');
  if (off.length > 0) out.push('', `turned off${fileName ? ` by ${fileName}` : ''}: ${off.map((e) => e.id).join(', ')}`);
  out.push('', fileName ? `From ${fileName} (exact matches; they win over the built-in entries):` : 'No --allow file.');
  for (const e of file) out.push(`  ${describe(e)}`, `  ${''.padEnd(2)}${e.reason}`);
  out.push('');
  return out.join('\n');
}

function describe(e: AllowEntry): string {
  const parts: string[] = [e.kind];
  if (e.subject !== undefined) parts.push(e.subject);
  if (e.from !== undefined || e.to !== undefined) parts.push(`${e.from ?? '*'} → ${e.to ?? '*'}`);
  if (e.since !== undefined) parts.push(`since ${e.since}`);
  if (e.requires !== undefined) parts.push(`when ${e.requires} attaches`);
  return parts.join('  ');
}
