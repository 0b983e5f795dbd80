/**
 * Whether to colour output, decided as Node's own tools decide it (node(1) "FORCE_COLOR",
 * no-color.org): `--color`/`--no-color` win; then FORCE_COLOR (`0`/`false` off, anything else
 * on); then NO_COLOR or NODE_DISABLE_COLORS (set and not empty: off) and TERM=dumb; else colour
 * only on a terminal. A file is a terminal never, so it gets colour only from `--color`.
 */
export function useColor(flag: boolean | undefined, stream: { readonly isTTY?: boolean } | null, env: NodeJS.ProcessEnv = process.env): boolean {
  if (flag !== undefined) return flag;
  if (stream === null) return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (nonEmpty(env['NO_COLOR']) || nonEmpty(env['NODE_DISABLE_COLORS']) || env['TERM'] === 'dumb') return false;
  return stream.isTTY === true;
}

function nonEmpty(v: string | undefined): boolean {
  return v !== undefined && v !== '';
}

const SGR = { red: '31', green: '32', yellow: '33', dim: '2', bold: '1' } as const;
export type Paint = keyof typeof SGR;

/** `text` in ANSI colour when `on`. */
export function paint(on: boolean, style: Paint, text: string): string {
  return on ? `\u001b[${SGR[style]}m${text}\u001b[0m` : text;
}
