import { defineConfig } from 'vitest/config';

// Tiers: test/unit (pure logic), test/integration (real HTTP against the simulators),
// test/browser (Chromium via playwright-core). All run under `npm test`.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    allowOnly: false,
    // The browser SDK (packages/embed) is built once before the tests: the service serves it as /embed.js.
    globalSetup: ['test/support/build-embed.ts'],
    pool: 'forks',
    // In CI a JSON report is written too, so .ci/run can print a plain "N passed, N failed" line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'test-results/vitest.json' }]] : ['default'],
  },
});
