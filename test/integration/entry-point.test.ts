import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

/** Runs the real entry point (as `npm run dev` does, from source) with exactly the given environment. */
function run(env: Record<string, string>, cwd = root) {
  const child = spawn(tsx, [join(root, 'src/index.ts')], {
    cwd,
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

  it('When NODE_ENV is production and no credentials are set, then it refuses to start and names DEMO_MODE', async () => {
    const p = run({ NODE_ENV: 'production' });
    expect(await p.exited).toBe(1);
    expect(p.err()).toContain('DEMO_MODE=true');
    expect(p.out()).not.toContain('DEMO MODE');
  });

  it('When several settings are wrong, then every one is listed in plain words, with no stack trace', async () => {
    const p = run({ PORT: 'eighty', TRUST_PROXY: 'yes please', PUBLIC_BASE_URL: 'https://connect.example.com' });
    expect(await p.exited).toBe(1);
    expect(p.err()).toContain('PORT must be a whole number from 0 to 65535 (got "eighty")');
    expect(p.err()).toContain('TRUST_PROXY must be true, false, a number of proxy hops');
    expect(p.err()).not.toMatch(/\n\s+at |NaN|Invalid input/);
  });

  it('When REDIS_URL is set without DATABASE_URL, then it refuses to start and says the instances must share a database', async () => {
    const p = run({ REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(await p.exited).toBe(1);
    expect(p.err()).toContain('DATABASE_URL is required when REDIS_URL is set');
    expect(p.err()).not.toMatch(/\n\s+at /);
  });

  it('When the database does not answer, then it exits 1 in plain words, without the password', async () => {
    const port = await freePort();
    const p = run({ PORT: String(port), DATABASE_URL: `postgres://hac:s3cret-pw@127.0.0.1:${port}/hac` });
    expect(await p.exited).toBe(1);
    expect(p.err()).toContain('the database at DATABASE_URL cannot be reached or migrated');
    expect(p.err() + p.out()).not.toContain('s3cret-pw');
  });

  it('When the port is taken, then it exits 1 with a message that says so and how to find the other program', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const p = run({ PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' });
      expect(await p.exited).toBe(1);
      expect(p.err()).toContain(`Cannot listen on 127.0.0.1 port ${port}: another program is already using it`);
      expect(p.err()).toContain(`lsof -i :${port}`);
      expect(p.err()).not.toMatch(/\n\s+at /);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('When no credentials are set, then it starts the simulators, prints the banner and serves the home page, from any directory', async () => {
    const port = await freePort();
    const p = run({ PORT: String(port), LOG_LEVEL: 'warn' }, tmpdir());
    try {
      const deadline = Date.now() + 15_000;
      while (!p.out().includes('DEMO MODE') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(p.out()).toContain('DEMO MODE');
      let res: Response | undefined;
      while (!res && Date.now() < deadline) res = await fetch(`http://localhost:${port}/`).catch(() => undefined);
      expect(res?.status).toBe(200);
      expect(await res!.text()).toContain('Connect HubSpot');
      const memoryNotice = p
        .out()
        .split('\n')
        .filter((line) => line.includes('not kept across restarts'));
      expect(memoryNotice).toHaveLength(1);
      expect(memoryNotice[0]).toContain('DATABASE_URL is not set: connections and events');
    } finally {
      p.child.kill('SIGTERM');
    }
    expect(await p.exited).toBe(0);
  });
});
