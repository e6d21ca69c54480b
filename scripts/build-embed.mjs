// Builds the browser SDK in packages/embed: the ESM package (dist/index.js, dist/react.js, .d.ts types) and the
// same code as one classic script (dist/embed.global.js), which the service serves as /embed.js and
// /embed-<version>.js. Run by `npm run build` (and before the tests); esbuild bundles, tsc writes the types.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = join(root, 'packages', 'embed');
const out = join(pkg, 'dist');
rmSync(out, { recursive: true, force: true });

// Browsers of the last few years: the SDK runs in partners' pages, not in Node.
const common = { bundle: true, target: ['es2020'], platform: 'browser', legalComments: 'none', logLevel: 'warning' };
await build({ ...common, entryPoints: [join(pkg, 'src/index.ts')], outfile: join(out, 'index.js'), format: 'esm' });
// The React entry imports the main entry rather than carrying a second copy of it.
await build({
  ...common,
  entryPoints: [join(pkg, 'src/react.ts')],
  outfile: join(out, 'react.js'),
  format: 'esm',
  external: ['react', './index.js'],
});
await build({ ...common, entryPoints: [join(pkg, 'src/global.ts')], outfile: join(out, 'embed.global.js'), format: 'iife' });
execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(pkg, 'tsconfig.json')], {
  stdio: 'inherit',
});
