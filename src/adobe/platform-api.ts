import type { AdobeAccount } from '../config/adobe-account.js';
import type { UpstreamClient, UpstreamRequest, UpstreamResponse } from '../http/upstream-client.js';

/** The Experience Platform APIs this service calls; a 403 from each names a different missing permission. */
export type PlatformApiName = 'flow-service' | 'schema-registry' | 'catalog' | 'data-prep';

export type PlatformRequest = Omit<UpstreamRequest, 'headers' | 'url'> & { path: string; headers?: Record<string, string> };

const CODES = { timeout: 'AEP_TIMEOUT', unavailable: 'AEP_UNAVAILABLE' } as const;

/**
 * One Experience Platform API for one (org, sandbox): every call carries the four headers Adobe requires
 * (`Authorization`, `x-api-key`, `x-gw-ims-org-id`, `x-sandbox-name`) and `Content-Type: application/json` when it
 * has a body (https://experienceleague.adobe.com/en/docs/experience-platform/landing/platform-apis/api-authentication).
 */
export class PlatformApi {
  readonly #http: UpstreamClient;
  readonly #account: AdobeAccount;
  readonly #sandbox: string;
  readonly #baseUrl: string;

  constructor(http: UpstreamClient, account: AdobeAccount, sandbox: string, baseUrl: string) {
    this.#http = http;
    this.#account = account;
    this.#sandbox = sandbox;
    this.#baseUrl = baseUrl;
  }

  protected send(token: string, req: PlatformRequest): Promise<UpstreamResponse> {
    const { path, headers: extra, ...rest } = req;
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      'x-api-key': this.#account.clientId,
      'x-gw-ims-org-id': this.#account.imsOrg,
      'x-sandbox-name': this.#sandbox,
      accept: 'application/json',
      ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...extra,
    };
    return this.#http.send({ ...rest, url: `${this.#baseUrl}${path}`, headers }, CODES);
  }
}

/** A query string whose spaces are `%20` (Adobe's filters compare the decoded value; `+` is not decoded everywhere). */
export function query(pairs: ReadonlyArray<readonly [string, string]>): string {
  const params = new URLSearchParams();
  for (const [key, value] of pairs) params.append(key, value);
  return params.toString().replace(/\+/g, '%20');
}
