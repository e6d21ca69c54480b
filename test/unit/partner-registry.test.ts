import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { partnerForApiKey } from '../../src/partners/api-key.js';
import { parsePartnersFile, partnerSchema } from '../../src/config/partners-file.js';

const hash = (key: string) => createHash('sha256').update(key).digest('hex');
const partner = (over: Record<string, unknown> = {}) => ({
  id: 'acme',
  name: 'Acme Agency',
  apiKeySha256: [hash('key-1')],
  returnUrls: ['https://portal.acme.example/aep/done'],
  embedOrigins: ['https://portal.acme.example'],
  sandboxes: ['prod'],
  webhook: { url: 'https://portal.acme.example/hooks/aep', secretEnv: 'ACME_WEBHOOK_SECRET' },
  ...over,
});
const parse = (partners: unknown[], env: Record<string, string> = { ACME_WEBHOOK_SECRET: 's3cret' }) =>
  parsePartnersFile(JSON.stringify({ partners }), env);

describe('partner registry (PARTNERS_FILE)', () => {
  it('accepts partners.example.json as shipped, every field set, with its secrets named in the environment', () => {
    const text = readFileSync(join(import.meta.dirname, '../../partners.example.json'), 'utf8');
    const env = { ACME_WEBHOOK_SECRET: 'w', ACME_IMS_ORG: 'ORG@AdobeOrg', ACME_ADOBE_CLIENT_ID: 'c', ACME_ADOBE_CLIENT_SECRET: 's' };
    const result = parsePartnersFile(text, env);
    expect(result.ok).toBe(true);
    // The schema's own field list, so a field added to the schema must be added to the example too.
    const fields = Object.keys(partnerSchema.shape).sort();
    const [shipped] = (JSON.parse(text) as { partners: Record<string, unknown>[] }).partners;
    expect(Object.keys(shipped ?? {}).sort()).toEqual(fields);
    const [partner] = result.ok ? result.partners : [];
    expect(Object.keys(partner ?? {}).sort()).toEqual(fields);
    expect(partnerForApiKey(result.ok ? result.partners : [], 'hac_example_key_replace_me')?.id).toBe('acme');
  });

  it('the README’s partner table has one row per field of the schema, no more', () => {
    const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('| Field | Meaning |'));
    const rows = table.slice(0, table.indexOf('\n\n')).split('\n').slice(2);
    const documented = rows.map((row) => /^\| `([A-Za-z0-9]+)` \|/.exec(row)?.[1]);
    expect(documented.sort()).toEqual(Object.keys(partnerSchema.shape).sort());
  });

  it('resolves secrets from the named environment variables', () => {
    const result = parse([partner()]);
    expect(result.ok && result.partners[0]!.webhook).toEqual({ url: 'https://portal.acme.example/hooks/aep', secrets: ['s3cret'] });
  });

  it('resolves a rotation (secretEnvs: new, old) in order, and refuses to start when either is not set', () => {
    const rotating = partner({ webhook: { url: 'https://portal.acme.example/hooks/aep', secretEnvs: ['ACME_NEW', 'ACME_OLD'] } });
    const result = parse([rotating], { ACME_NEW: 'new-secret', ACME_OLD: 'old-secret' });
    expect(result.ok && result.partners[0]!.webhook?.secrets).toEqual(['new-secret', 'old-secret']);
    expect(parse([rotating], { ACME_NEW: 'new-secret' })).toEqual({
      ok: false,
      problems: ['PARTNERS_FILE partners.0.webhook.secretEnvs.1 names ACME_OLD, but that environment variable is not set'],
    });
  });

  it('reports, in plain words, a secret variable that is not set', () => {
    expect(parse([partner()], {})).toEqual({
      ok: false,
      problems: ['PARTNERS_FILE partners.0.webhook.secretEnv names ACME_WEBHOOK_SECRET, but that environment variable is not set'],
    });
  });

  it.each([
    ['a plain-http return URL on a public host', { returnUrls: ['http://portal.acme.example/done'] }],
    ['a plain-http embed origin on a public host', { embedOrigins: ['http://portal.acme.example'] }],
    ['an embed origin with a path', { embedOrigins: ['https://portal.acme.example/app'] }],
    ['a return URL with userinfo', { returnUrls: ['https://u@portal.acme.example/done'] }],
    ['a plain-http webhook on a public host', { webhook: { url: 'http://hooks.acme.example/x', secretEnv: 'ACME_WEBHOOK_SECRET' } }],
    ['a secret written in the file', { webhook: { url: 'https://hooks.acme.example/x', secret: 'oops' } }],
    ['both secretEnv and secretEnvs', { webhook: { url: 'https://hooks.acme.example/x', secretEnv: 'A', secretEnvs: ['B'] } }],
    ['neither secretEnv nor secretEnvs', { webhook: { url: 'https://hooks.acme.example/x' } }],
    ['an empty secretEnvs', { webhook: { url: 'https://hooks.acme.example/x', secretEnvs: [] } }],
    ['three secretEnvs', { webhook: { url: 'https://hooks.acme.example/x', secretEnvs: ['A', 'B', 'C'] } }],
    ['an API key instead of its hash', { apiKeySha256: ['key-1'] }],
    ['an unknown field', { apiKey: 'key-1' }],
  ])('refuses %s', (_name, over) => {
    const result = parse([partner(over)]);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems.join('\n')).toMatch(/^PARTNERS_FILE partners\.0[.:]/);
  });

  it('accepts http for loopback hosts', () => {
    const result = parse([
      partner({ returnUrls: ['http://localhost:4000/done', 'http://127.0.0.1/done'], embedOrigins: ['http://[::1]:4000'] }),
    ]);
    expect(result.ok).toBe(true);
  });

  it('refuses a file that is not JSON and duplicate partner ids', () => {
    expect(parsePartnersFile('{', {}).ok).toBe(false);
    const dup = parse([partner(), partner()]);
    expect(dup.ok ? [] : dup.problems).toContain('PARTNERS_FILE partners.1.id: "acme" is used twice');
  });

  it('finds the partner of an API key by hash, and none for an unknown key', () => {
    const result = parse([partner(), partner({ id: 'globex', apiKeySha256: [hash('key-2'), hash('key-3')], webhook: undefined })]);
    if (!result.ok) throw new Error(result.problems.join());
    expect(partnerForApiKey(result.partners, 'key-3')?.id).toBe('globex');
    expect(partnerForApiKey(result.partners, 'key-1')?.id).toBe('acme');
    expect(partnerForApiKey(result.partners, 'key-4')).toBeUndefined();
  });

  it('reports an unreadable PARTNERS_FILE and a bad PUBLIC_CONNECT with the other config problems', () => {
    expect(loadConfig({ PARTNERS_FILE: '/nonexistent/partners.json' })).toEqual({
      ok: false,
      problems: ['PARTNERS_FILE: cannot read /nonexistent/partners.json (ENOENT)'],
    });
    const bad = loadConfig({ PUBLIC_CONNECT: 'maybe' });
    expect(bad.ok ? [] : bad.problems).toEqual(['PUBLIC_CONNECT must be true or false (got "maybe")']);
    const defaults = loadConfig({});
    expect(defaults.ok && { publicConnect: defaults.config.publicConnect, partners: defaults.config.partners }).toEqual({
      publicConnect: true,
      partners: [],
    });
  });
});
