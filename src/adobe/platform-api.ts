import type { z } from 'zod';
import type { AdobeAccount } from '../config/adobe-account.js';
import { parseJson } from '../http/parse-json.js';
import type { UpstreamClient, UpstreamRequest, UpstreamResponse } from '../http/upstream-client.js';
import { badAnswer, dataflowError, type PlatformApiName } from './dataflow-errors.js';
import { platformHeaders } from './platform-headers.js';

/** A path under the API's base URL, or (for an object another API holds) a full URL. */
export type PlatformRequest = Omit<UpstreamRequest, 'headers' | 'url'> & { headers?: Record<string, string> } & (
    { path: string; url?: never } | { url: string; path?: never }
  );

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
    const { path, url, headers: extra, ...rest } = req;
    const headers: Record<string, string> = {
      ...platformHeaders(this.#account, this.#sandbox, token),
      ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...extra,
    };
    return this.#http.send({ ...rest, url: url ?? `${this.#baseUrl}${path}`, headers }, CODES);
  }

  /**
   * A create (POST) of the dataflow steps: never repeated blindly, since a lost answer may have created the object
   * and the caller finds before it creates again; only a 429 is repeated (a throttled request did no work, RFC 6585 §4).
   */
  protected async createObject<T extends z.ZodType>(
    token: string,
    api: PlatformApiName,
    req: { path: string; body: unknown; operation: string; answer: T },
  ): Promise<z.infer<T>> {
    const res = await this.send(token, {
      method: 'POST',
      path: req.path,
      body: JSON.stringify(req.body),
      retries: 2,
      retryWhen: 'throttled',
    });
    if (res.status !== 201 && res.status !== 200) throw dataflowError(api, res.status, res.text, req.operation);
    const parsed = parseJson(res.text, req.answer);
    if (parsed === undefined) throw badAnswer(api, req.operation);
    return parsed;
  }
}

/** A query string whose spaces are `%20` (Adobe's filters compare the decoded value; `+` is not decoded everywhere). */
export function query(pairs: ReadonlyArray<readonly [string, string]>): string {
  const params = new URLSearchParams();
  for (const [key, value] of pairs) params.append(key, value);
  return params.toString().replace(/\+/g, '%20');
}
