// Setup file of every vitest project. The caller's colour settings must not reach the CLI runs and
// child processes the tests start: FORCE_COLOR (which a CI runner may export) overrides the NO_COLOR
// those runs pass, and would colour `console.log` in child scripts. Tests that are about colour set
// these variables themselves.
for (const name of ['FORCE_COLOR', 'NO_COLOR', 'NODE_DISABLE_COLORS', 'CLICOLOR_FORCE']) delete process.env[name];
