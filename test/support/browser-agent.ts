/**
 * A minimal browser for integration tests: a cookie jar keyed by host name (browsers share cookies
 * across ports of one host) and manual redirects, so each hop can be asserted.
 */
export class BrowserAgent {
  readonly #jar = new Map<string, Map<string, string>>();
  readonly acceptLanguage: string;

  constructor(options: { acceptLanguage?: string } = {}) {
    this.acceptLanguage = options.acceptLanguage ?? 'en';
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(url, { method: 'GET', headers });
  }

  async request(url: string, init: { method: string; headers?: Record<string, string>; body?: string }): Promise<Response> {
    const host = new URL(url).hostname;
    const cookies = [...(this.#jar.get(host) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, {
      method: init.method,
      redirect: 'manual',
      headers: { 'accept-language': this.acceptLanguage, accept: 'text/html', ...(cookies ? { cookie: cookies } : {}), ...init.headers },
      ...(init.body !== undefined ? { body: init.body } : {}),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const jar = this.#jar.get(host) ?? new Map<string, string>();
      jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
      this.#jar.set(host, jar);
    }
    return res;
  }

  /** Follows redirects from `url` (GET), returning every response in order. */
  async follow(url: string, maxHops = 10): Promise<{ hops: Response[]; final: Response; finalUrl: string }> {
    const hops: Response[] = [];
    let current = url;
    for (let i = 0; i < maxHops; i += 1) {
      const res = await this.get(current);
      hops.push(res);
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) return { hops, final: res, finalUrl: current };
      current = new URL(location, current).toString();
    }
    throw new Error(`more than ${maxHops} redirects from ${url}`);
  }

  cookieHeaderFor(host: string): string {
    return [...(this.#jar.get(host) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}
