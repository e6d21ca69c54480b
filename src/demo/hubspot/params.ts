import type { Request } from 'express';

export type ParamsResult = { ok: true; params: Map<string, string> } | { ok: false; duplicate: string };

/**
 * Merges parameter sources into single values. A repeated parameter is ambiguous, and RFC 6749
 * §3.1/§3.2 say parameters MUST NOT be included more than once, so it is reported, not guessed.
 */
export function collectParams(...sources: URLSearchParams[]): ParamsResult {
  const params = new Map<string, string>();
  for (const source of sources) {
    for (const [name, value] of source) {
      if (params.has(name)) return { ok: false, duplicate: name };
      params.set(name, value);
    }
  }
  return { ok: true, params };
}

/** The raw query string, parsed with WHATWG rules: `+` and `%20` both decode to a space. */
export function queryOf(req: Request): URLSearchParams {
  const at = req.originalUrl.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : req.originalUrl.slice(at + 1));
}

/** True only for `application/x-www-form-urlencoded` (parameters such as charset allowed). */
export function isFormEncoded(req: Request): boolean {
  const type = req.headers['content-type'];
  return type?.split(';')[0]?.trim().toLowerCase() === 'application/x-www-form-urlencoded';
}

/** A named path segment as one string (Express 5 types allow arrays for wildcard segments). */
export function pathParam(req: Request, name: string): string | undefined {
  const value = req.params[name];
  return typeof value === 'string' ? value : undefined;
}
