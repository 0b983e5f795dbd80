import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // dist/ (the CLI and package tests run it) is built once per run, when src/ changed.
    globalSetup: ['test/helpers/global-setup.ts'],
    // Tests create EC2 clients directly too; the SDK's notice about Node 20 is noise in their output.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'out/vitest-results.json' },
  },
});
