import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/errors/error-codes.js';

const ROOT = join(import.meta.dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/**
 * The README sends people to docs/TROUBLESHOOTING.md for each code, and its embed.js table sends
 * `serverCode` readers to "the entry for that code": so every code of the code table has a row in
 * "Every error code", with its real HTTP status, and no row names a code that no longer exists.
 */
describe('docs/TROUBLESHOOTING.md', () => {
  const doc = read('docs/TROUBLESHOOTING.md');
  const section = doc.slice(doc.indexOf('## Every error code'));
  const rows = [...section.matchAll(/^\| `([A-Z_]+)` \| (\d{3}) \|/gm)].map((m) => [m[1]!, Number(m[2])] as const);

  it('has one row per error code of src/errors, with the status that code answers', () => {
    expect(rows.map(([code]) => code).sort()).toEqual(Object.keys(ERROR_CODES).sort());
    for (const [code, status] of rows) expect(`${code} ${status}`).toBe(`${code} ${ERROR_CODES[code as keyof typeof ERROR_CODES].status}`);
  });

  it('links only to its own headings', () => {
    const anchors = new Set(
      [...doc.matchAll(/^#+ (.+)$/gm)].map((m) =>
        m[1]!
          .toLowerCase()
          .replace(/[^\w\- ]/g, '')
          .replaceAll(' ', '-'),
      ),
    );
    const links = [...doc.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!);
    expect(links.filter((anchor) => !anchors.has(anchor))).toEqual([]);
  });
});
