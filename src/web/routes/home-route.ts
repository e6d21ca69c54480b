import { Router } from 'express';
import type { Config } from '../../config/config.js';
import { describeScopes } from '../describe-scopes.js';
import type { RenderView } from '../views.js';

/** GET /: what the service does, where the connection will land, and the Connect HubSpot button. */
export function homeRoute({ config, render }: { config: Config; render: RenderView }): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    res.type('html').send(
      render('home', {
        ...res.locals,
        pageTitle: res.locals.t('home.button'),
        target: { org: config.adobe.imsOrg, sandbox: config.adobe.sandboxName },
        scopes: describeScopes(config.hubspot.scopes, res.locals.t),
        optionalScopes: describeScopes(config.hubspot.optionalScopes, res.locals.t),
        publicConnect: config.publicConnect,
      }),
    );
  });
  return router;
}
