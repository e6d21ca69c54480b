import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Router } from 'express';
import { AppError } from '../../errors/app-error.js';
import { embedScriptPolicy, pinnedScriptPolicy } from '../security/policies.js';
import { findProjectRoot } from '../views.js';

const PACKAGE_DIR = join(findProjectRoot(), 'packages', 'embed');

/** The SDK's version, as its package says (`npm run build` builds the script from the same source). */
export function embedVersion(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * The browser SDK as one classic script (packages/embed, built by `npm run build`):
 * - `/embed.js`: the version this deployment ships, cached for minutes, so fixes reach every page soon;
 * - `/embed-<version>.js` and `/embed.js?v=<version>`: pinned. A pin to a version this deployment does
 *   not ship is a 404, never silently other code. The pinned name never changes, so it is cached for a year.
 */
export function embedScriptRoute(): Router {
  const router = Router();
  const version = embedVersion();
  const script = join(PACKAGE_DIR, 'dist', 'embed.global.js');
  router.get('/embed.js', (req, res, next) => {
    const pinned = req.query.v;
    if (pinned !== undefined && pinned !== version)
      return next(new AppError('NOT_FOUND', `embed.js version ${String(pinned)} is not served`));
    (pinned === undefined ? embedScriptPolicy : pinnedScriptPolicy)(req, res, () => res.type('text/javascript').sendFile(script));
  });
  router.get(`/embed-${version}.js`, pinnedScriptPolicy, (_req, res) => res.type('text/javascript').sendFile(script));
  return router;
}
