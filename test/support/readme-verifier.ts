import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export type Verify = (rawBody: string, header: string | undefined, secret: string, toleranceSec?: number) => boolean;

/** The README's webhook verification snippet, exactly as partners copy it (the ```js block that defines it). */
export function readmeVerifierSource(): string {
  const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
  const block = [...readme.matchAll(/```js\n([\s\S]*?)```/g)]
    .map((m) => m[1]!)
    .find((code) => code.includes('function verifyHubSpotAepSignature'));
  if (!block) throw new Error('README has no ```js block defining verifyHubSpotAepSignature');
  return block;
}

/** Loads the README snippet as a module and returns its function, so tests run what partners run. */
export async function readmeVerifier(): Promise<Verify> {
  const file = join(mkdtempSync(join(tmpdir(), 'readme-verify-')), 'verify.mjs');
  writeFileSync(file, readmeVerifierSource());
  const mod = (await import(pathToFileURL(file).href)) as { verifyHubSpotAepSignature: Verify };
  return mod.verifyHubSpotAepSignature;
}
