import { afterEach } from 'vitest';
import { startHarness, type Harness, type HarnessOptions } from './harness.js';

/** Inside a describe: a function starting a fresh harness for the test, closed after it (as twoPartnersPerTest). */
export function harnessPerTest(): (options?: HarnessOptions) => Promise<Harness> {
  let current: Harness | undefined;
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return async (options) => (current = await startHarness(options));
}
