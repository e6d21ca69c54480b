import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';

export type RenderView = (name: string, data: Record<string, unknown>) => string;

/**
 * Eta with auto-escaping on: `<%= %>` escapes, and `<%~ %>` (raw) is used only for the layout's body.
 * Templates are cached unless `cache` is false (development).
 */
export function createViewRenderer(options: { viewsDir?: string; cache?: boolean } = {}): RenderView {
  const eta = new Eta({ views: options.viewsDir ?? findViewsDir(), cache: options.cache ?? true, autoEscape: true });
  return (name, data) => eta.render(`./${name}`, data);
}

/** `views/` sits at the project root, both for `src/` (tsx, vitest) and for compiled `dist/src/`. */
export function findViewsDir(): string {
  return join(findProjectRoot(), 'views');
}

export function findProjectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('project root (package.json) not found');
    dir = parent;
  }
  return dir;
}
