import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = join(import.meta.dirname, '../..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

/**
 * A partner without our repository: `npm pack` of packages/embed (built by the tests' global setup), installed
 * into an empty folder, and a strict TypeScript project of theirs, without React or its types, compiles against it.
 */
describe('the SDK package, packed and installed elsewhere', () => {
  const work = mkdtempSync(join(tmpdir(), 'embed-pack-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('refuses to pack without a build, or with a build older than the sources, and says to build', { timeout: 60_000 }, async () => {
    // A copy of the package, so the built dist/ the other tests serve is left alone.
    const copy = join(work, 'unbuilt');
    cpSync(join(root, 'packages', 'embed'), copy, { recursive: true, filter: (path) => !path.includes('/dist') });
    const pack = () =>
      run('npm', ['pack', '--dry-run'], { cwd: copy }).then(
        () => 'packed',
        (err: { stderr?: string }) => err.stderr ?? 'failed',
      );
    expect(await pack()).toMatch(/packages\/embed is not built \(dist\/index\.js, .*missing\): run npm run build:embed/);
    cpSync(join(root, 'packages', 'embed', 'dist'), join(copy, 'dist'), { recursive: true });
    expect(await pack()).toBe('packed');
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(copy, 'src', 'open.ts'), later, later);
    expect(await pack()).toMatch(/dist is older than src\/open\.ts/);
  });

  it('installs from the tarball and its types compile in a project without React', { timeout: 120_000 }, async () => {
    await run('npm', ['pack', '--pack-destination', work], { cwd: join(root, 'packages', 'embed') });
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
    expect(tarball).toMatch(/^hubspot-aep-connect-embed-\d+\.\d+\.\d+\.tgz$/);
    const app = join(work, 'partner-app');
    await run('mkdir', ['-p', app]);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'partner-app', private: true, type: 'module' }));
    await run('npm', ['install', '--offline', '--no-audit', '--no-fund', join(work, tarball!)], { cwd: app });
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2020',
          lib: ['ES2020', 'DOM'],
          types: [],
        },
        include: ['main.ts'],
      }),
    );
    writeFileSync(
      join(app, 'main.ts'),
      `import { open, mount, CONNECT_ERROR_CODES, type ConnectError, type ConnectErrorCode, type MountOptions } from '@hubspot-aep-connect/embed';
import type { UseHubSpotAEPConnectOptions } from '@hubspot-aep-connect/embed/react';
const codes: readonly ConnectErrorCode[] = CONNECT_ERROR_CODES;
const handle = open({
  serviceUrl: 'https://connect.example',
  fetchToken: async () => 'token',
  appearance: { primaryColor: '#0a66c2' },
  locale: 'fr',
  onError: (e: ConnectError) => { if (e.code === 'CONNECT_FAILED') console.log(e.serverCode); },
  onClose: (c) => console.log(c.reason === 'WINDOW_CLOSED'),
});
handle.close();
const options: MountOptions = { token: 't', container: document.body, onSuccess: (r) => console.log(r.connectionId, r.reconnected) };
mount(options).unmount();
const hook: UseHubSpotAEPConnectOptions = { fetchToken: async () => 't' };
// @ts-expect-error not an error code: the union is real, not string
const wrong: ConnectErrorCode = 'NOPE';
// @ts-expect-error locale is 'en' | 'fr'
open({ token: 't', locale: 'de' });
console.log(codes, hook, wrong);
`,
    );
    const compiled = await run(process.execPath, [tsc, '-p', app]).then(
      () => '',
      (err: { stdout?: string }) => err.stdout ?? 'tsc failed',
    );
    expect(compiled).toBe('');
  });
});
