import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The reasons in comments must be followable by someone who has only the repository: public URLs,
 * RFC sections, or files under docs/. These patterns are citations of things a clone does not have.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const SCANNED = ['src', 'test', 'views', 'public', 'bench', 'scripts'];
const SKIPPED = /\.(ya?ml|png|svg)$/;

const FORBIDDEN: { what: string; pattern: RegExp }[] = [
  { what: 'a path outside the repository', pattern: /\.\.\/shared|\/work\/shared/ },
  { what: 'the architecture sketch outside the repository', pattern: new RegExp(['ARCHITECTURE', 'SKETCH'].join('-')) },
  { what: 'an issue number of this project', pattern: /\bissues? ?#?\d+/i },
  { what: 'a bare "reference §" without its docs/ path', pattern: /(?<!docs\/)\breference §/ },
];

/** `#123` is fine after a public repository (`owner/repo#1`, `owner/repo PR #1`), an HTML entity or a colour. */
function bareIssueRefs(line: string): string[] {
  return [...line.matchAll(/#\d+\b/g)]
    .filter((m) => !/(?:[\w.-]+\/[\w.-]+(?: PR)? ?|[\w.-]+|&)$/.test(line.slice(0, m.index)))
    .map((m) => m[0]);
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return SKIPPED.test(name) ? [] : [path];
  });
}

describe('citations in the repository', () => {
  it('cite only what a clone has: no outside paths, project issue numbers or bare "reference §"', () => {
    const found: string[] = [];
    for (const file of SCANNED.flatMap((dir) => files(join(ROOT, dir)))) {
      if (file === import.meta.filename) continue;
      for (const [i, line] of readFileSync(file, 'utf8').split('\n').entries()) {
        const where = `${relative(ROOT, file)}:${i + 1}`;
        for (const { what, pattern } of FORBIDDEN) if (pattern.test(line)) found.push(`${where} cites ${what}: ${line.trim()}`);
        for (const ref of bareIssueRefs(line)) found.push(`${where} cites ${ref} without its repository: ${line.trim()}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('recognises each forbidden form (so that the scan above can fail)', () => {
    const samples = ['see ../shared/notes.md', 'per issue 8', 'fixed in issue #12', 'in the order of reference §3.2'];
    for (const sample of samples)
      expect(
        FORBIDDEN.some(({ pattern }) => pattern.test(sample)),
        sample,
      ).toBe(true);
    expect(bareIssueRefs('as decided in #42')).toEqual(['#42']);
    expect(bareIssueRefs('n8n#23204, HubSpot/oauth-quickstart-nodejs PR #23, &#39;, #c2410c')).toEqual([]);
  });
});
