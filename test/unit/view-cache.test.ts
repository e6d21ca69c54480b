import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createViewRenderer } from '../../src/web/views.js';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function viewsWith(text: string): string {
  dir = mkdtempSync(join(tmpdir(), 'hac-views-'));
  writeFileSync(join(dir, 'page.eta'), text);
  return dir;
}

describe('the view cache', () => {
  it('When the cache is off (development), then an edited view shows on the next render', () => {
    const render = createViewRenderer({ viewsDir: viewsWith('before'), cache: false });
    expect(render('page', {})).toBe('before');
    writeFileSync(join(dir, 'page.eta'), 'after');
    expect(render('page', {})).toBe('after');
  });

  it('When the cache is on (production), then a view is read once', () => {
    const render = createViewRenderer({ viewsDir: viewsWith('before'), cache: true });
    expect(render('page', {})).toBe('before');
    writeFileSync(join(dir, 'page.eta'), 'after');
    expect(render('page', {})).toBe('before');
  });
});
