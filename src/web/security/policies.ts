import type { NextFunction, Request, Response } from 'express';

/**
 * Security policies by kind of route, named in one place. Every response first gets the strict helmet
 * defaults of `securityHeaders` (the policy of top-level pages: no script, no framing, no referrer);
 * the policies below adjust them for the routes that need something else.
 */

/**
 * The partner API: answers are per-partner facts, so nothing may cache them, and it is called
 * server-to-server, so it neither sets nor reads cookies (it is mounted before the session middleware)
 * and sends no CORS header (browsers cannot call it cross-origin). docs/reference/peers-and-security.md.
 */
export function apiPolicy(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Pragma', 'no-cache');
  res.removeHeader('Set-Cookie');
  next();
}

/**
 * The connect-session page is a top-level page: it names the partner, AEP org and sandbox, and the
 * next step goes to HubSpot, whose consent page cannot be framed. So it keeps the top-level policy
 * (`frame-ancestors 'none'`, X-Frame-Options DENY: OWASP Clickjacking Defense) and is never cached,
 * since its URL carries the session's single-use token; `Referrer-Policy: no-referrer` keeps that
 * token out of the Referer sent to HubSpot.
 */
export function sessionPagePolicy(req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Pragma', 'no-cache');
  if (req.query.mode === 'popup') keepOpener(req, res, () => undefined);
  next();
}

/**
 * The iframe widget: the session page in `?mode=iframe` may be framed by the partner's registered
 * embedOrigins and nobody else (CSP `frame-ancestors`, OWASP Clickjacking Defense). X-Frame-Options
 * cannot name origins, so it is dropped for this response; CSP-aware browsers ignore it anyway when
 * `frame-ancestors` is present.
 */
export function allowFramingBy(res: Response, origins: readonly string[]): void {
  const csp = String(res.getHeader('Content-Security-Policy') ?? '');
  const ancestors = origins.length > 0 ? origins.join(' ') : "'none'";
  res.setHeader('Content-Security-Policy', csp.replace(/frame-ancestors [^;]*/, `frame-ancestors ${ancestors}`));
  res.removeHeader('X-Frame-Options');
}

/**
 * A page whose form's answer is a redirect to another origin (the session page's POST → HubSpot's authorize
 * page): CSP `form-action` is enforced on the redirects after a submission too
 * (https://www.w3.org/TR/CSP3/#directive-form-action), so that origin joins 'self' for this response only.
 */
export function allowFormTo(res: Response, origin: string): void {
  const csp = String(res.getHeader('Content-Security-Policy') ?? '');
  res.setHeader('Content-Security-Policy', csp.replace(/form-action [^;]*/, `form-action 'self' ${origin}`));
}

/**
 * Pages a popup opened by embed.js passes through (session page, callback, last page) must keep
 * `window.opener`: helmet's `Cross-Origin-Opener-Policy: same-origin` would sever it on the first
 * navigation (https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Cross-Origin-Opener-Policy).
 * The callback cannot know before the claim whether it runs in a popup, so it always keeps it; these
 * pages hold no secret a cross-origin opener could read through the window reference.
 */
export function keepOpener(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Cross-Origin-Opener-Policy', 'unsafe-none');
  next();
}

/**
 * embed.js is loaded by partners' pages on other origins: Cross-Origin-Resource-Policy must allow that
 * (https://developer.mozilla.org/en-US/docs/Web/HTTP/Cross-Origin_Resource_Policy). Short cache, so a
 * fixed SDK reaches every page within minutes.
 */
export function embedScriptPolicy(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
  res.setHeader('Cache-Control', 'public, max-age=300');
  next();
}

/** A pinned version of embed.js (`/embed-<version>.js`): its content never changes under that name. */
export function pinnedScriptPolicy(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
  res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
  next();
}

/**
 * The popup's last page runs one inline script, allowed by a per-response nonce and nothing else
 * (CSP Level 3 §8.1 nonce; OWASP CSP Cheat Sheet). It must keep `window.opener`, so it sends
 * `Cross-Origin-Opener-Policy: unsafe-none` (same-origin would sever the opener; the SDK also polls).
 */
export function popupDonePolicy(nonce: string) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    res.setHeader(
      'Content-Security-Policy',
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    );
    res.setHeader('Cross-Origin-Opener-Policy', 'unsafe-none');
    res.setHeader('Cache-Control', 'no-store');
    next();
  };
}

/**
 * The browser-facing status endpoint of embed.js: CORS only for the session's partner's embedOrigins,
 * matched exactly and echoed (never `*`), with `Vary: Origin` so no cache mixes partners' answers.
 */
export function embedStatusCors(allowed: readonly string[], origin: string | undefined, res: Response): boolean {
  res.setHeader('Vary', 'Origin');
  res.setHeader('Cache-Control', 'no-store');
  if (!origin || !allowed.includes(origin)) return false;
  res.setHeader('Access-Control-Allow-Origin', origin);
  return true;
}

/** Replaces one directive of the response's Content-Security-Policy, keeping the others. */
function setCspDirective(res: Response, name: string, value: string): void {
  const csp = String(res.getHeader('Content-Security-Policy') ?? '');
  const pattern = new RegExp(`(^|;)\\s*${name} [^;]*`);
  res.setHeader('Content-Security-Policy', pattern.test(csp) ? csp.replace(pattern, `$1${name} ${value}`) : `${csp};${name} ${value}`);
}

/**
 * A session page dressed with a partner's validated `appearance`: its colour goes into one `<style>`
 * element allowed by a per-response nonce (never a style attribute or 'unsafe-inline'), and its logo may
 * come from the logo's own origin, which parseEmbedOptions has already checked is one of the partner's
 * embedOrigins. CSP Level 3 §8.1 (nonces).
 */
export function allowAppearance(res: Response, options: { styleNonce?: string; logoUrl?: string }): void {
  if (options.styleNonce) setCspDirective(res, 'style-src', `'self' 'nonce-${options.styleNonce}'`);
  if (options.logoUrl) setCspDirective(res, 'img-src', `'self' ${new URL(options.logoUrl).origin}`);
}

/**
 * The session page in the widget or the popup runs scripts of ours only: `/assets/widget-frame.js` (framed: it
 * tells the SDK its height and relays Try again) and `/assets/connect-button.js` (the button goes once pressed);
 * nothing inline, nothing from elsewhere.
 */
export function allowOwnScripts(res: Response): void {
  setCspDirective(res, 'script-src', "'self'");
}
