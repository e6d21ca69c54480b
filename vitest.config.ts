import { defineConfig } from 'vitest/config';

// Tiers: test/unit (pure logic), test/integration (real HTTP against the simulators),
// test/browser (Chromium via playwright-core). All run under `npm test`.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    allowOnly: false,
    pool: 'forks',
  },
});
