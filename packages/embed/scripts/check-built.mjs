// `npm pack` (prepack): refuses to pack a package without its built JS and types, or with a build older than its
// sources. npm would otherwise pack only README.md and package.json, a tarball that installs but exports nothing.
// The build needs the repository's esbuild and TypeScript, so it is not run here: run it at the repository root.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const BUILD = 'npm run build:embed (or npm run build) at the repository root';
const required = ['index.js', 'index.d.ts', 'react.js', 'react.d.ts'].map((name) => join('dist', name));

/** Says why on stderr, the way npm shows a lifecycle script's failure, and fails the pack. */
function refuse(message) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

const missing = required.filter((file) => !existsSync(join(pkg, file)));
if (missing.length > 0) {
  refuse(`packages/embed is not built (${missing.join(', ')} missing): run ${BUILD}, then npm pack again.`);
}
const builtAt = Math.min(...required.map((file) => statSync(join(pkg, file)).mtimeMs));
const changed = readdirSync(join(pkg, 'src')).filter((name) => statSync(join(pkg, 'src', name)).mtimeMs > builtAt);
if (changed.length > 0) {
  refuse(`packages/embed/dist is older than src/${changed.join(', src/')}: run ${BUILD}, then npm pack again.`);
}
