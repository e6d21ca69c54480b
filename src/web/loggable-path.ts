/**
 * A request path as it may be logged. A connect session's page carries its single-use bearer token in the
 * path (`/connect-sessions/<token>`, and Express routes that case-insensitively), so that segment becomes
 * `[token]`; any other segment long and opaque enough to be a token of ours (43 base64url characters) is
 * masked too, so a future route cannot leak one. Flow and session ids (UUIDs) stay: support quotes them.
 * The query string is never logged (the callback's carries the code and state).
 */
export function loggablePath(path: string): string {
  return (path.split('?')[0] ?? '')
    .replace(/^(\/+connect-sessions\/)[^/]*/i, '$1[token]')
    .replace(/(^|\/)[A-Za-z0-9_%-]{40,}(?=\/|$)/g, '$1[token]');
}
