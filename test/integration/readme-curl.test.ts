import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { finishedSession, followSession, partnerApi } from '../support/partners.js';

const run = promisify(execFile);
const README = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');

/** Every curl command of the README's ```sh blocks, in order, each with its continuation lines. */
function curlExamples(markdown: string): string[] {
  const commands: string[] = [];
  for (const [, block] of markdown.matchAll(/```sh\n([^]*?)```/g)) {
    let current: string[] | undefined;
    for (const line of block!.split('\n')) {
      if (line.startsWith('curl ')) current = [line];
      else if (!current) continue;
      else current.push(line);
      if (!line.endsWith('\\')) {
        commands.push(current.join('\n'));
        current = undefined;
      }
    }
  }
  return commands;
}

/**
 * A partner following the README with the demo partner: the banner's `export` line sets BASE, API_KEY and
 * RETURN_URL, and each curl example then runs exactly as written (SESSION_ID is the id the first one answered;
 * CONNECTION_ID and EVENT_ID come from a connection made first, as the README asks).
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

  /** What the README asks the reader to have at hand: a connection of theirs and an event id. */
  async function readerIds() {
    const api = partnerApi(h.url, env.API_KEY!);
    const { id, url } = (await (await api.create({})).json()) as { id: string; url: string };
    await followSession(h.browser(), url);
    const connectionId = String((await finishedSession(api, id)).connection_id);
    const events = (await (await api.events('?limit=1')).json()) as { data: { id: string }[] };
    return { CONNECTION_ID: connectionId, EVENT_ID: events.data[0]!.id };
  }
  afterAll(() => h?.close());

  it('the banner prints the demo partner’s API key, registered return URL and webhook secret, labelled', () => {
    const banner = h.sandbox.banner.join('\n');
    const demo = h.sandbox.demoPartner!;
    expect(banner).toMatch(new RegExp(`API key\\s+${demo.apiKey}`));
    expect(banner).toMatch(new RegExp(`Registered return URL\\s+${demo.returnUrl}`));
    expect(banner).toMatch(new RegExp(`Webhook secret\\s+${demo.webhookSecret}`));
    expect(env).toMatchObject({ BASE: h.url, API_KEY: demo.apiKey, RETURN_URL: demo.returnUrl });
  });

  it('there are examples to run (so this test cannot pass on an empty README)', () => {
    expect(curlExamples(README).length).toBeGreaterThanOrEqual(7);
  });

  it('each example succeeds as written', async () => {
    Object.assign(env, await readerIds());
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
