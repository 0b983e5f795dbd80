/** An OpenBSD release as the kernel banner names it ("6.0", suffix "-current"). */
export interface Release {
  readonly major: number;
  readonly minor: number;
  readonly suffix: string | null;
  readonly text: string;
}

export function parseRelease(version: string | null, suffix: string | null = null): Release | null {
  const m = version === null ? null : /^(\d+)\.(\d+)/.exec(version);
  if (!m) return null;
  return { major: Number(m[1]), minor: Number(m[2]), suffix, text: `${version}${suffix ?? ''}` };
}

/**
 * `6.0-current` counts as 6.0: a snapshot between releases may or may not have the
 * next release's driver, so "since" gates only trust the number.
 */
export function atLeast(release: Release, version: string): boolean {
  const [maj = 0, min = 0] = version.split('.').map(Number);
  return release.major > maj || (release.major === maj && release.minor >= min);
}
