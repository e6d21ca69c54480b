import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** vitest globalSetup: builds packages/embed (esbuild + tsc, a second or two) so /embed.js is the current code. */
export default function buildEmbed(): void {
  execFileSync(process.execPath, [join(import.meta.dirname, '../../scripts/build-embed.mjs')], { stdio: 'inherit' });
}
