/**
 * Device-name globs: `*` and `?` only, anchored, case-sensitive (driver names are
 * lower case, product names are not). Small enough not to need a glob library.
 */
function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

export function matchesGlob(name: string, glob: string): boolean {
  return globToRegExp(glob).test(name);
}
