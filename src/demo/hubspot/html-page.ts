import type { Response } from 'express';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/**
 * Tagged template that escapes every interpolated value unless it is already `SafeHtml`, so no
 * query parameter can be reflected as markup (docs/reference/hubspot-oauth.md §6.1 weakness 3: the quickstart's XSS).
 */
export class SafeHtml {
  constructor(readonly html: string) {}
}

export function html(strings: TemplateStringsArray, ...values: Array<string | number | SafeHtml | SafeHtml[]>): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    const parts = Array.isArray(value) ? value : [value];
    out += parts.map((p) => (p instanceof SafeHtml ? p.html : escapeHtml(String(p)))).join('');
    out += strings[i + 1] ?? '';
  });
  return new SafeHtml(out);
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;color:#33475b}
h1{font-size:1.4rem}.error{color:#d94c53}code{background:#f5f8fa;padding:0 .2rem}
button{font-size:1rem;padding:.5rem 1.5rem;margin-right:1rem}`;

/**
 * Sends a self-contained HubSpot-style page: no scripts, nothing loaded from third parties, not
 * cacheable (docs/reference/model-codebases.md §2 rule 11). The CSP forbids scripts and remote loads outright.
 */
export function sendPage(res: Response, status: number, title: string, body: SafeHtml, lang: 'en' | 'fr' = 'en'): void {
  const page = html`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${title} | HubSpot</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>${new SafeHtml(STYLE)}</style></head>
<body><header><strong>HubSpot</strong></header><main>${body}</main></body></html>`;
  res.status(status);
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'");
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.end(page.html);
}

/** HubSpot's hosted error page for a misconfigured install URL: shown instead of any redirect (docs/reference/hubspot-oauth.md §1, §7). */
export function sendErrorPage(res: Response, message: string, detail?: string): void {
  const extra = detail === undefined ? html`` : html`<p>${detail}</p>`;
  sendPage(
    res,
    400,
    'Authorization failed',
    html`<h1 class="error">Authorization failed</h1>
<p id="error-message">${message}</p>${extra}`,
  );
}
