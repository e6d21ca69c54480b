import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { localeMiddleware } from '../../src/web/locale.js';

const app = express();
app.use(localeMiddleware({ secureCookies: false, stablePaths: () => true }));
app.get('/', (_req, res) => res.send(String(res.locals.locale)));

async function localeFor(headers: Record<string, string>): Promise<string> {
  const req = request(app).get('/');
  for (const [k, v] of Object.entries(headers)) req.set(k, v);
  return (await req).text;
}

describe('the page language', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['de-DE,de;q=0.9', 'en'],
    ['*', 'en'],
    ['fr', 'fr'],
    ['FR', 'fr'],
    ['fr-CA', 'fr'],
    ['fr-CA,fr;q=0.9,en;q=0.8', 'fr'],
    ['en-US,en;q=0.9,fr;q=0.8', 'en'],
    ['en;q=0.2, fr;q=0.9', 'fr'],
    ['de-DE, fr;q=0.5', 'fr'],
    ['fr;q=0, en;q=0.1', 'en'],
    ['de, en-GB;q=0.3 , fr;q=0.4', 'fr'],
    ['de, en;q=0.3, fr ;q=0.4', 'fr'],
  ] as const)('When Accept-Language is %j, then the locale is %s', async (header, expected) => {
    expect(await localeFor(header === undefined ? {} : { 'accept-language': header })).toBe(expected);
  });

  it('When the lang cookie is set, then it wins over Accept-Language, among other cookies', async () => {
    expect(await localeFor({ 'accept-language': 'en', cookie: 'hac.sid=s%3Aabc; lang=fr; other=1' })).toBe('fr');
  });

  it('When the lang cookie holds an unsupported value, then Accept-Language decides', async () => {
    expect(await localeFor({ 'accept-language': 'fr', cookie: 'lang=de' })).toBe('fr');
  });

  it('When ?lang= is given, then it wins and is remembered in a cookie', async () => {
    const res = await request(app).get('/?lang=fr').set('accept-language', 'en');
    expect(res.text).toBe('fr');
    expect(res.headers['set-cookie']?.[0]).toMatch(/^lang=fr;.*HttpOnly/);
  });
});
