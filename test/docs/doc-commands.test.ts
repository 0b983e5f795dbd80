import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { repoRoot } from '../launcher/cli-harness.js';
import { checkInvocation, quotedCommands, type DocCommand } from './doc-commands.js';

// A release engineer writes the CI job from the README: every `bootgate …` the README and docs/
// quote must name a command that exists and only options that command accepts.
const program = await buildProgram();
const names = new Set(program.commands.map((c) => c.name()));
const docs = ['README.md', ...readdirSync(join(repoRoot, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const quoted = docs.flatMap((f) => quotedCommands(f, readFileSync(join(repoRoot, f), 'utf8'), names));

describe('the commands the documentation quotes', () => {
  it('are many: every command is quoted at least once in README.md', () => {
    const inReadme = new Set(quoted.filter((q) => q.file === 'README.md').map((q) => q.text.split(' ')[0]));
    expect([...names].filter((n) => !inReadme.has(n))).toEqual([]);
  });

  it('name only commands and options the CLI accepts', () => {
    expect(quoted.flatMap((q) => checkInvocation(program, q))).toEqual([]);
  });
});

describe('the checker', () => {
  const at = (text: string): DocCommand => ({ file: 'x.md', line: 1, text });
  it('reads fenced blocks, continued lines, folded YAML and inline spans, and stops at pipes and comments', () => {
    const md = [
      'Run `bootgate tree --width 80 c.txt` first.',
      '```sh',
      'bootgate check --format json \\',
      '  --output out.json c.txt | jq . # then --bogus',
      '    - bootgate launch --ami ami-0abc',
      '        --format junit --output j.xml',
      'bootgate: cannot read c.txt',
      '```',
    ].join('\n');
    expect(quotedCommands('x.md', md, names).map((q) => q.text)).toEqual([
      'tree --width 80 c.txt',
      'check --format json --output out.json c.txt',
      'launch --ami ami-0abc --format junit --output j.xml',
    ]);
  });

  it('flags an unknown command, subcommand or option, and accepts usage-line spellings', () => {
    expect(checkInvocation(program, at('chek c.txt'))).toHaveLength(1);
    expect(checkInvocation(program, at('baseline sav c.txt'))).toHaveLength(1);
    expect(checkInvocation(program, at('check --bogus c.txt')).map((p) => p.problem)).toEqual(['bootgate check: no option --bogus']);
    expect(checkInvocation(program, at('baseline save c.txt --nme x')).map((p) => p.problem)).toEqual(['bootgate baseline save: no option --nme']);
    expect(checkInvocation(program, at('tree [-f human|json] [--json] (--width N) --no-color -o -'))).toEqual([]);
  });
});
