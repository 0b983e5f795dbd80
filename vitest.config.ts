import { defineConfig } from 'vitest/config';

/**
 * Files that must have a process of their own: their offline guard sees the AWS SDK being
 * loaded only if nothing loaded it in that process before (test/launcher/in-process-cli.ts).
 */
const OWN_PROCESS = ['test/cli/in-process-harness.test.ts', 'test/cli/check-gate.test.ts'];

export default defineConfig({
  test: {
    // dist/ (the CLI and package tests run it) is built once per run, when src/ changed.
    globalSetup: ['test/helpers/global-setup.ts'],
    // Tests create EC2 clients directly too; the SDK's notice about Node 20 is noise in their output.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores here: one worker per core (vitest's default leaves one core idle).
    maxWorkers: 2,
    reporters: ['default', 'json'],
    outputFile: { json: 'out/vitest-results.json' },
    // (include is set per project: a root include would be merged into both.)
    projects: [
      // A fresh process per test file cost about 0.9 s of CPU each (70+ files) on this 2-core
      // machine; the other files share their worker processes and module cache.
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: OWN_PROCESS, isolate: false } },
      { extends: true, test: { name: 'own-process', include: OWN_PROCESS, isolate: true } },
    ],
  },
});
