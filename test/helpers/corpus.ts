import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The shared corpus folder (BOOTGATE_CORPUS, default ../shared/corpus); null when absent. */
export function corpusDir(): string | null {
  const dir = resolve(process.env['BOOTGATE_CORPUS'] ?? join(process.cwd(), '..', 'shared', 'corpus'));
  return existsSync(dir) ? dir : null;
}

export interface CorpusFile {
  readonly name: string;
  readonly bytes: Buffer;
  /** MANIFEST.tsv `kind` column (aws-xen, kvm, panic, …), or '' when unlisted. */
  readonly kind: string;
  readonly version: string;
  readonly arch: string;
}

/** Every NNN-*.txt console in the corpus with its manifest row. */
export function corpusFiles(): CorpusFile[] {
  const dir = corpusDir();
  if (!dir) return [];
  const manifest = new Map<string, string[]>();
  const tsv = join(dir, 'MANIFEST.tsv');
  if (existsSync(tsv)) {
    for (const row of readFileSync(tsv, 'utf8').split('\n').slice(1)) {
      const cols = row.split('\t');
      if (cols[0]) manifest.set(cols[0], cols);
    }
  }
  return readdirSync(dir)
    .filter((f) => /^\d{3}-.*\.txt$/.test(f))
    .sort()
    .map((name) => {
      const row = manifest.get(name) ?? [];
      return { name, bytes: readFileSync(join(dir, name)), kind: row[2] ?? '', version: row[3] ?? '', arch: row[4] ?? '' };
    });
}
