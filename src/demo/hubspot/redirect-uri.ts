/**
 * Appends parameters to a registered redirect URI, keeping its own query exactly as written (a
 * URL round-trip would re-encode it) and dropping nothing but a fragment, which RFC 6749 §3.1.2
 * forbids in redirect URIs anyway.
 */
export function appendQuery(redirectUri: string, params: Array<[string, string]>): string {
  const hash = redirectUri.indexOf('#');
  const base = hash < 0 ? redirectUri : redirectUri.slice(0, hash);
  const encoded = params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  if (!base.includes('?')) return `${base}?${encoded}`;
  return base.endsWith('?') || base.endsWith('&') ? `${base}${encoded}` : `${base}&${encoded}`;
}
