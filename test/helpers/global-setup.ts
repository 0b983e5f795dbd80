import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Newest modification time (ms) of the files under `dir`. */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

function builtAt(): number {
  try {
    return Math.min(...['dist/index.js', 'dist/cli/main.js'].map((f) => statSync(join(root, f)).mtimeMs));
  } catch {
    return 0;
  }
}

/**
 * Tests of the CLI and the package run the built dist/ (`node bin/bootgate.js`, as a user
 * does). `npm test` builds first; a bare `npx vitest run` builds here, once for the whole run
 * and only when src/ changed since, so no test file rebuilds dist/ under another's feet.
 */
export default function setup(): void {
  const sources = Math.max(newest(join(root, 'src')), statSync(join(root, 'tsconfig.build.json')).mtimeMs);
  if (builtAt() >= sources) return;
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { encoding: 'utf8' });
  if (r.error) throw r.error;
  // Type errors elsewhere in a tree under parallel work still emit JS; only a missing build is fatal.
  if (builtAt() < sources) throw new Error(`building dist/ failed:\n${r.stdout}${r.stderr}`);
}
