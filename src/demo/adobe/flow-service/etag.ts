import { randomBytes } from 'node:crypto';

/**
 * A new quoted etag shaped like Flow Service's, e.g. `"5f00fba7-0000-0200-0000-5ed560520000"`
 * (docs/reference/adobe-flow-service.md §2.1). In every documented sample the last group is the epoch seconds in hex followed by
 * `0000` (0x5ed56052 is 2020-06-01), so the simulator does the same; the first group is random, so two
 * updates within one second still differ.
 */
export function newEtag(now = Date.now()): string {
  const seconds = Math.floor(now / 1000)
    .toString(16)
    .padStart(8, '0');
  return `"${randomBytes(4).toString('hex')}-0000-0200-0000-${seconds}0000"`;
}

/** The etag without its surrounding double quotes. */
export function unquote(value: string): string {
  const trimmed = value.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
}

/**
 * Whether an `If-Match` value names the current version. The docs send it both unquoted (update.md)
 * and quoted (labels.md), so both are accepted (docs/reference/adobe-flow-service.md §2.4). `*` and lists are not: the docs never
 * use them, and a client sending them is not doing optimistic concurrency.
 */
export function ifMatchMatches(ifMatch: string, etag: string): boolean {
  return unquote(ifMatch) === unquote(etag);
}
