import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { localeMiddleware } from '../../src/web/locale.js';

const app = express();
app.use(localeMiddleware({ secureCookies: false, stablePaths: () => true }));
app.get('/', (_req, res) => res.send(String(res.locals.locale)));
app.get('/redirect', (_req, res) => res.status(302).location('/').end());
app.get('/assigned', (_req, res) => {
  res.locals.locale = 'fr';
  res.send(`${String(res.locals.locale)} ${Object.keys(res.locals).join(',')}`);
});
app.get('/links', (_req, res) =>
  res.json({ locale: res.locals.locale, links: res.locals.languageLinks, title: res.locals.t('home.button') }),
);

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

  it('When Accept-Language chose the page, then the answer says it varies by it; an answer without a page does not', async () => {
    const page = await request(app).get('/').set('accept-language', 'fr');
    expect(page.headers.vary).toBe('Accept-Language');
    const redirect = await request(app).get('/redirect').set('accept-language', 'fr');
    expect(redirect.status).toBe(302);
    expect(redirect.headers.vary).toBeUndefined();
    const fromCookie = await request(app).get('/').set('accept-language', 'en').set('cookie', 'lang=fr');
    expect(fromCookie.text).toBe('fr');
    expect(fromCookie.headers.vary).toBeUndefined();
  });

  it('When ?lang= is given on an answer without a page, then the choice is still remembered', async () => {
    const res = await request(app).get('/redirect?lang=fr');
    expect(res.headers['set-cookie']?.[0]).toMatch(/^lang=fr;/);
  });

  it('When a route sets the locale itself, then its value is kept and stays an ordinary field of res.locals', async () => {
    const res = await request(app).get('/assigned').set('accept-language', 'en');
    expect(res.text).toBe('fr locale,t,languageLinks');
  });

  it('gives the views the translator and the language links of the chosen locale', async () => {
    const res = await request(app).get('/links').set('accept-language', 'fr');
    expect(res.body).toEqual({
      locale: 'fr',
      links: [
        { locale: 'en', label: 'English', href: '/links?lang=en', current: false },
        { locale: 'fr', label: 'Français', href: '/links?lang=fr', current: true },
      ],
      title: expect.any(String),
    });
    expect(res.body.title).not.toBe((await request(app).get('/links').set('accept-language', 'en')).body.title);
  });
});
