import { z } from 'zod';
import type { Config } from '../config/config.js';
import type { AdobeAccount } from '../config/adobe-account.js';
import { AppError } from '../errors/app-error.js';
import { parseJson } from '../http/parse-json.js';
import { isUnavailableStatus } from '../http/status-class.js';
import type { UpstreamClient } from '../http/upstream-client.js';

const tokenBody = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().positive() }).loose();
const errorBody = z.object({ error: z.string().optional(), error_description: z.string().optional() }).loose();

/** Renew this long before IMS says the token expires, so a token never dies mid-request. */
const EXPIRY_MARGIN_MS = 5 * 60 * 1000;

/**
 * Adobe IMS OAuth server-to-server token (docs/reference/adobe-flow-service.md §4): cached until shortly before
 * `expires_in` (Adobe "can throttle your integration if it generates too many access tokens") and
 * fetched once even when many callbacks need it at the same moment (one promise shared by all).
 */
export class ImsTokenProvider {
  readonly #http: UpstreamClient;
  readonly #config: Config;
  readonly #account: AdobeAccount;
  readonly #now: () => number;
  #cached: { token: string; renewAt: number } | undefined;
  #inFlight: Promise<string> | undefined;

  constructor(http: UpstreamClient, config: Config, account: AdobeAccount = ownAccount(config), now: () => number = Date.now) {
    this.#http = http;
    this.#config = config;
    this.#account = account;
    this.#now = now;
  }

  async getToken(): Promise<string> {
    if (this.#cached && this.#now() < this.#cached.renewAt) return this.#cached.token;
    this.#inFlight ??= this.#fetch().finally(() => {
      this.#inFlight = undefined;
    });
    return this.#inFlight;
  }

  /** Forgets the cached token (after Flow Service says it is no longer valid). */
  invalidate(): void {
    this.#cached = undefined;
  }

  async #fetch(): Promise<string> {
    const { adobe } = this.#config;
    const account = this.#account;
    const res = await this.#http.send(
      {
        method: 'POST',
        url: adobe.imsTokenUrl,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        // Body, not query string: "query strings may be logged" (Developer Console; docs/reference/adobe-flow-service.md §4.1). Scopes are comma-separated.
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: account.clientId,
          client_secret: account.clientSecret,
          scope: adobe.scopes.join(','),
        }).toString(),
        // A client-credentials request has no side effect beyond minting a token: safe to repeat.
        retries: 2,
      },
      { timeout: 'ADOBE_IMS_TIMEOUT', unavailable: 'ADOBE_IMS_UNAVAILABLE' },
    );
    // 429 is throttling ("can throttle your integration", docs/reference/adobe-flow-service.md §4.2), never a rejected credential.
    if (isUnavailableStatus(res.status))
      throw new AppError('ADOBE_IMS_UNAVAILABLE', `IMS answered ${res.status}`, { details: { upstreamStatus: res.status } });
    if (res.status >= 400) {
      // The IMS error body is [UNCONFIRMED] (docs/reference/adobe-flow-service.md §4.3); invalid_client/invalid_scope are what clients observe.
      const err = parseJson(res.text, errorBody);
      throw new AppError('ADOBE_CREDENTIALS_REJECTED', `IMS refused the credential: ${err?.error ?? res.status}`, {
        details: { upstreamStatus: res.status, ...(err?.error ? { imsError: err.error } : {}) },
      });
    }
    const body = parseJson(res.text, tokenBody);
    if (!body) throw new AppError('ADOBE_IMS_BAD_RESPONSE', 'IMS token response is not the documented JSON');
    // expires_in is in seconds for OAuth S2S (the legacy JWT exchange used milliseconds, docs/reference/adobe-flow-service.md §4.2).
    const lifetimeMs = body.expires_in * 1000;
    this.#cached = { token: body.access_token, renewAt: this.#now() + Math.max(0, lifetimeMs - EXPIRY_MARGIN_MS) };
    return body.access_token;
  }
}

/** The deployment's own credential, from the config. */
export function ownAccount(config: Config): AdobeAccount {
  return { imsOrg: config.adobe.imsOrg, clientId: config.adobe.clientId, clientSecret: config.adobe.clientSecret };
}
