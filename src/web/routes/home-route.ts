import { Router } from 'express';
import type { Config } from '../../config/config.js';
import type { RenderView } from '../views.js';

/** GET /: what the service does, where the connection will land, and the Connect HubSpot button. */
export function homeRoute(config: Config, render: RenderView): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    res.type('html').send(
      render('home', {
        ...res.locals,
        pageTitle: res.locals.t('home.button'),
        target: { org: config.adobe.imsOrg, sandbox: config.adobe.sandboxName },
        scopes: config.hubspot.scopes,
        optionalScopes: config.hubspot.optionalScopes,
        publicConnect: config.publicConnect,
      }),
    );
  });
  return router;
}
