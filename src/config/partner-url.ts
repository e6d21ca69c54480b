const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Partner URLs (return URLs, embed origins, webhooks) must be https, except on loopback hosts, where
 * http serves local development (RFC 8252 §8.3 makes the same exception for loopback redirects).
 * No userinfo, no fragment: both are classic open-redirect and phishing tricks (OWASP Unvalidated Redirects).
 */
export function isAllowedPartnerUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  if (url.username || url.password || url.hash) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && LOOPBACK.has(url.hostname);
}
