import type { Command } from 'commander';

/** One `bootgate …` invocation quoted in the documentation, and where. */
export interface DocCommand {
  readonly file: string;
  readonly line: number;
  /** The command words (`launch`, `baseline save`) and then the rest of the invocation. */
  readonly text: string;
}

/** What is wrong with one quoted invocation. */
export interface DocProblem {
  readonly at: string;
  readonly problem: string;
}

/**
 * Every `bootgate <command> …` the Markdown quotes in a fenced block or an inline code span. A line
 * ending in `\`, or followed by a more indented line that starts with an option (a YAML plain
 * scalar folded over lines), continues. The invocation ends at a shell pipe, list, redirection or
 * comment. Angle-bracket placeholders (`<file|->`) are dropped, as they hold no options.
 */
export function quotedCommands(file: string, markdown: string, commandNames: ReadonlySet<string>): DocCommand[] {
  const found: DocCommand[] = [];
  const lines = markdown.split('\n');
  let fenced = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (/^\s*```/.test(raw)) {
      fenced = !fenced;
      continue;
    }
    const spans = fenced ? [joinContinued(lines, i)] : [...raw.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    for (const span of spans) {
      for (const m of span.matchAll(/(?:^|[\s/(])bootgate(?:\.js)?\s+([a-z][a-z-]*)(?=\s|$)/g)) {
        if (!commandNames.has(m[1]!)) continue;
        found.push({ file, line: i + 1, text: endOfInvocation(span.slice(m.index! + m[0].length - m[1]!.length)) });
      }
    }
  }
  return found;
}

function joinContinued(lines: readonly string[], i: number): string {
  let text = lines[i]!;
  const indent = (s: string) => s.length - s.trimStart().length;
  for (let j = i + 1; j < lines.length; j++) {
    const next = lines[j]!;
    if (text.endsWith('\\')) text = `${text.slice(0, -1).trimEnd()} ${next.trim()}`;
    else if (/^\s*--?[a-z]/.test(next) && indent(next) > indent(lines[i]!)) text = `${text} ${next.trim()}`;
    else break;
  }
  return text;
}

function endOfInvocation(s: string): string {
  const placeholders = s.replace(/<[^<>]*>/g, 'ARG');
  const end = placeholders.search(/\s(?:\||&&|\|\||;|#|>>?|<)(?:\s|$)|\s2?>/);
  return (end < 0 ? placeholders : placeholders.slice(0, end)).trim();
}

/** Every spelling a command accepts: its options' long and short forms, and help. */
function spellings(cmd: Command): Set<string> {
  const names = new Set(['--help', '-h']);
  for (const o of cmd.options) {
    if (o.long) names.add(o.long);
    if (o.short) names.add(o.short);
  }
  return names;
}

/**
 * Checks one quoted invocation against the program: the command (and subcommand) exists, and every
 * option word is one that command accepts. Option words are read loosely, as a usage line writes
 * them too: `[-f`, `(--ami`, `--older-than=2h`.
 */
export function checkInvocation(program: Command, cmd: DocCommand): DocProblem[] {
  const at = `${cmd.file}:${cmd.line}`;
  const words = cmd.text.split(/\s+/).filter(Boolean);
  let command = program.commands.find((c) => c.name() === words[0]);
  if (!command) return [{ at, problem: `no command "${words[0]}"` }];
  let rest = words.slice(1);
  const sub = command.commands.find((c) => c.name() === rest[0]);
  if (sub) {
    command = sub;
    rest = rest.slice(1);
  } else if (command.commands.length > 0 && rest[0] !== undefined && /^[a-z]+$/.test(rest[0])) {
    return [{ at, problem: `no command "${words[0]} ${rest[0]}"` }];
  }
  const known = spellings(command);
  const problems: DocProblem[] = [];
  for (const word of rest) {
    const option = /^[[(]*(--?[A-Za-z][\w-]*)/.exec(word)?.[1];
    if (option && !known.has(option)) problems.push({ at, problem: `bootgate ${command.parent === program ? '' : `${command.parent!.name()} `}${command.name()}: no option ${option}` });
  }
  return problems;
}
