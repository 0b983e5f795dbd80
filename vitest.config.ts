import { defineConfig } from 'vitest/config';

/**
 * Files whose CLI runs are offline (the AWS SDK must never load) and run in this process: their
 * worker processes never load the SDK, and a resolve hook installed before any test file
 * (test/helpers/offline-setup.ts) refuses it during each run and would notice any earlier load.
 */
const OFFLINE = [
  'test/baseline/by-snapshot.test.ts',
  'test/baseline/output-paths.test.ts',
  'test/cli/check-gate.test.ts',
  'test/cli/in-process-harness.test.ts',
  'test/cli/output-errors.test.ts',
  'test/cli/report.test.ts',
  'test/cli/tree-redact.test.ts',
  'test/cli/tree.test.ts',
  'test/cli/usage.test.ts',
  'test/cli/vocabulary.test.ts',
  'test/diff/readable.test.ts',
  'test/history/history.test.ts',
  'test/redact/redaction-holds.test.ts',
];

export default defineConfig({
  test: {
    // dist/ (the CLI and package tests run it) is built once per run, when src/ changed.
    globalSetup: ['test/helpers/global-setup.ts'],
    // Tests create EC2 clients directly too; the SDK's notice about Node 20 is noise in their output.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores here: one worker per core (vitest's default leaves one core idle). Measured on this
    // machine: three workers, or pool 'threads', were no faster (the suite is CPU-bound) and took more CPU.
    maxWorkers: 2,
    reporters: ['default', 'json'],
    outputFile: { json: 'out/vitest-results.json' },
    // (include is set per project: a root include would be merged into both.)
    projects: [
      // A fresh process per test file cost about 0.9 s of CPU each (70+ files) on this 2-core
      // machine; files share their worker processes and module cache.
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: OFFLINE, isolate: false, setupFiles: ['test/helpers/hermetic-env.ts'] } },
      { extends: true, test: { name: 'offline', include: OFFLINE, isolate: false, setupFiles: ['test/helpers/hermetic-env.ts', 'test/helpers/offline-setup.ts'] } },
    ],
  },
});
