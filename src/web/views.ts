import { join } from 'node:path';
import { Eta } from 'eta';
import { findProjectRoot } from '../config/project-root.js';

export { findProjectRoot };

export type RenderView = (name: string, data: Record<string, unknown>) => string;

/**
 * Eta with auto-escaping on: `<%= %>` escapes, and `<%~ %>` (raw) is used only for the layout's body.
 * Templates are cached unless `cache` is false (NODE_ENV=development, so that view edits show on reload).
 */
export function createViewRenderer(options: { viewsDir?: string; cache?: boolean } = {}): RenderView {
  const eta = new Eta({ views: options.viewsDir ?? findViewsDir(), cache: options.cache ?? true, autoEscape: true });
  return (name, data) => eta.render(`./${name}`, data);
}

/** `views/` sits at the project root, both for `src/` (tsx, vitest) and for compiled `dist/src/`. */
export function findViewsDir(): string {
  return join(findProjectRoot(), 'views');
}
