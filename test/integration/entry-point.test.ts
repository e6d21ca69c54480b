import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

/** Runs the real entry point (as `npm start` does, from source) with exactly the given environment. */
function run(env: Record<string, string>) {
  const child = spawn(tsx, ['src/index.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += String(d)));
  child.stderr.on('data', (d) => (stderr += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the entry point', () => {
  it('When only some credentials are set, then it exits 1 and names every missing one at once', async () => {
    const p = run({ HUBSPOT_CLIENT_ID: 'abc', ADOBE_CLIENT_ID: 'def' });
    expect(await p.exited).toBe(1);
    for (const key of ['HUBSPOT_CLIENT_SECRET', 'ADOBE_CLIENT_SECRET', 'ADOBE_IMS_ORG']) expect(p.err()).toContain(key);
    expect(p.err()).not.toContain('abc');
  });

  it('When no credentials are set, then it starts the simulators, prints the banner and serves the home page', async () => {
    const port = await freePort();
    const p = run({ PORT: String(port), LOG_LEVEL: 'warn' });
    try {
      const deadline = Date.now() + 15_000;
      while (!p.out().includes('DEMO MODE') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(p.out()).toContain('DEMO MODE');
      let res: Response | undefined;
      while (!res && Date.now() < deadline) res = await fetch(`http://localhost:${port}/`).catch(() => undefined);
      expect(res?.status).toBe(200);
      expect(await res!.text()).toContain('Connect HubSpot');
    } finally {
      p.child.kill('SIGTERM');
    }
    expect(await p.exited).toBe(0);
  });
});
