import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';

const run = promisify(execFile);
const README = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');

/** Every ```sh block of the README that calls curl, in order, without its comment lines. */
function curlExamples(markdown: string): string[] {
  return [...markdown.matchAll(/```sh\n([^]*?)```/g)]
    .map((m) => m[1]!)
    .filter((block) => /^curl /m.test(block))
    .map((block) =>
      block
        .split('\n')
        .filter((line) => !line.startsWith('#'))
        .join('\n')
        .trim(),
    );
}

/**
 * A partner following the README with the demo partner: the banner's `export` line sets BASE, API_KEY and
 * RETURN_URL, and each curl example then runs exactly as written (SESSION_ID is the id the first one answered).
 */
describe('the README’s curl examples, against the demo partner', () => {
  let h: Harness;
  const env: Record<string, string> = {};
  beforeAll(async () => {
    h = await startHarness({ demoPartner: true });
    const exportLine = h.sandbox.banner.find((line) => line.startsWith('export '));
    expect(exportLine).toBeDefined();
    for (const [, name, value] of exportLine!.matchAll(/(\w+)=(\S+)/g)) env[name!] = value!;
  });
  afterAll(() => h?.close());

  it('the banner prints the demo partner’s API key, registered return URL and webhook secret, labelled', () => {
    const banner = h.sandbox.banner.join('\n');
    const demo = h.sandbox.demoPartner!;
    expect(banner).toMatch(new RegExp(`API key\\s+${demo.apiKey}`));
    expect(banner).toMatch(new RegExp(`Registered return URL\\s+${demo.returnUrl}`));
    expect(banner).toMatch(new RegExp(`Webhook secret\\s+${demo.webhookSecret}`));
    expect(env).toEqual({ BASE: h.url, API_KEY: demo.apiKey, RETURN_URL: demo.returnUrl });
  });

  it('there are examples to run (so this test cannot pass on an empty README)', () => {
    expect(curlExamples(README).length).toBeGreaterThanOrEqual(2);
  });

  it('each example succeeds as written', async () => {
    for (const example of curlExamples(README)) {
      const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', example], { env: { PATH: process.env.PATH ?? '', ...env } }).catch(
        (err: { stdout?: string; stderr?: string }) => {
          throw new Error(`README example failed:\n${example}\n${err.stderr ?? ''}${err.stdout ?? ''}`);
        },
      );
      const body = JSON.parse(stdout) as { id?: string; error?: unknown };
      expect(body.error, example).toBeUndefined();
      if (body.id && !env.SESSION_ID) env.SESSION_ID = body.id;
    }
    expect(env.SESSION_ID).toBeDefined();
  });
});
