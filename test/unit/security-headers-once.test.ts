import express from 'express';
import helmet from 'helmet';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { securityHeaderOptions, securityHeaders } from '../../src/web/security-headers.js';

/** The headers a response carries, minus those that differ per response anyway. */
async function headersOf(app: express.Express, path: string) {
  const res = await request(app).get(path);
  const { date: _date, 'x-powered-by': _powered, ...rest } = res.headers as Record<string, string>;
  return rest;
}

function appWith(middleware: express.RequestHandler) {
  const app = express();
  app.use(middleware);
  app.get('/page', (_req, res) => res.type('html').send('<p>ok</p>'));
  app.get('/data', (_req, res) => res.json({ ok: true }));
  return app;
}

describe('security headers computed once', () => {
  for (const https of [false, true]) {
    it(`When served over ${https ? 'https' : 'http'}, then every response carries exactly the headers helmet itself sets`, async () => {
      const replayed = appWith(securityHeaders({ https }));
      const perRequest = appWith(helmet(securityHeaderOptions({ https })));
      for (const path of ['/page', '/data']) {
        const expected = await headersOf(perRequest, path);
        expect(expected['content-security-policy']).toContain("frame-ancestors 'none'");
        expect(await headersOf(replayed, path), path).toEqual(expected);
      }
    });
  }
});
