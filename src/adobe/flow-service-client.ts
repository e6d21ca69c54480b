import { z } from 'zod';
import type { Config } from '../config/config.js';
import type { AdobeAccount } from '../config/adobe-account.js';
import { AppError } from '../errors/app-error.js';
import { parseJson } from '../http/parse-json.js';
import type { UpstreamClient } from '../http/upstream-client.js';
import { flowServiceError } from './flow-service-errors.js';
import { HUBSPOT_AUTH_SPEC_NAME, HUBSPOT_CONNECTION_SPEC } from './hubspot-connection-spec.js';
import { PlatformApi, query } from './platform-api.js';

const idAndEtag = z.object({ id: z.string().min(1), etag: z.string().min(1) }).loose();
const listBody = z
  .object({
    items: z.array(
      z
        .object({
          id: z.string(),
          name: z.string().optional(),
          description: z.string().optional(),
          etag: z.string().optional(),
          version: z.string().optional(),
        })
        .loose(),
    ),
  })
  .loose();
const exploreBody = z.array(z.object({ type: z.string().optional(), name: z.string(), path: z.string().optional() }).loose());

/** The four credentials the HubSpot auth spec requires (docs/reference/adobe-flow-service.md §1.2). */
export interface HubSpotAuthParams {
  clientId: string;
  clientSecret: string;
  accessToken: string;
  refreshToken: string;
}

export interface ExistingConnection {
  id: string;
  etag: string;
  name: string;
}

/**
 * The Platform objects this service creates and may delete, by the API that holds them and their collection path:
 * Flow Service's base connections and dataflow objects, Catalog's datasets, Schema Registry's descriptors and schemas
 * (a schema by its `meta:altId` or URL-encoded `$id`). Mapping sets (Data Prep) have no DELETE.
 */
const DELETABLE = {
  connections: ['flowServiceBaseUrl', '/connections/'],
  flows: ['flowServiceBaseUrl', '/flows/'],
  sourceConnections: ['flowServiceBaseUrl', '/sourceConnections/'],
  targetConnections: ['flowServiceBaseUrl', '/targetConnections/'],
  dataSets: ['catalogBaseUrl', '/dataSets/'],
  descriptors: ['schemaRegistryBaseUrl', '/tenant/descriptors/'],
  schemas: ['schemaRegistryBaseUrl', '/tenant/schemas/'],
} as const satisfies Record<string, readonly [keyof Config['adobe'], string]>;

export type PlatformObjectKind = keyof typeof DELETABLE;

/** Flow Service `/connections`, with the five headers of Adobe's tutorial on every call. */
export class FlowServiceClient extends PlatformApi {
  /** One client per (org, sandbox): the account's credential and the sandbox go in every call's headers. */
  readonly #config: Config;

  constructor(http: UpstreamClient, config: Config, account: AdobeAccount, sandbox: string) {
    super(http, account, sandbox, config.adobe.flowServiceBaseUrl);
    this.#config = config;
  }

  /**
   * POST /connections. Never retried blindly: a lost answer may still have created the connection, so the
   * caller looks it up first. Only a 429 is repeated here: a throttled request did no work (RFC 6585 §4).
   */
  async createConnection(
    token: string,
    input: { name: string; description: string; params: HubSpotAuthParams },
  ): Promise<ExistingConnection> {
    const body = {
      name: input.name,
      description: input.description,
      auth: { specName: HUBSPOT_AUTH_SPEC_NAME, params: input.params },
      connectionSpec: HUBSPOT_CONNECTION_SPEC,
    };
    const res = await this.send(token, {
      method: 'POST',
      path: '/connections',
      body: JSON.stringify(body),
      retries: 2,
      retryWhen: 'throttled',
    });
    if (res.status !== 201 && res.status !== 200) throw flowServiceError(res.status, res.text, 'create');
    const created = parseJson(res.text, idAndEtag);
    if (!created)
      throw new AppError('AEP_BAD_RESPONSE', 'create answered success without {id, etag}', { details: { upstreamStatus: res.status } });
    return { id: created.id, etag: created.etag, name: input.name };
  }

  /** HubSpot connections in the target sandbox whose description is exactly `marker` (see connectionMarkerFor). Safe to retry. */
  async findByMarker(token: string, marker: string): Promise<ExistingConnection[]> {
    return this.#list(token, 'description', marker);
  }

  /** HubSpot connections with exactly this name: how earlier versions found a portal's connection. Safe to retry. */
  async findByName(token: string, name: string): Promise<ExistingConnection[]> {
    return this.#list(token, 'name', name);
  }

  /** GET /connections filtered on the HubSpot spec and one exact field (list filters, docs/reference/adobe-flow-service.md §2.3). */
  async #list(token: string, field: 'name' | 'description', value: string): Promise<ExistingConnection[]> {
    const filter = query([
      ['property', `connectionSpec.id==${HUBSPOT_CONNECTION_SPEC.id}`],
      ['property', `${field}==${value}`],
    ]);
    const res = await this.send(token, {
      method: 'GET',
      path: `/connections?${filter}`,
      retries: 2,
    });
    if (res.status !== 200) throw flowServiceError(res.status, res.text, 'list');
    const list = parseJson(res.text, listBody);
    if (!list) throw new AppError('AEP_BAD_RESPONSE', 'list answered 200 without {items}');
    // Items carry `etag` and `version` with the same value (docs/reference/adobe-flow-service.md §2.2); accept either, as If-Match takes both.
    return list.items
      .filter((item) => item[field] === value && (item.etag ?? item.version))
      .map((item) => ({ id: item.id, etag: (item.etag ?? item.version)!, name: item.name ?? '' }));
  }

  /**
   * Replaces the credentials of an existing connection (docs/reference/adobe-flow-service.md §2.4). If-Match makes this conditional, so a
   * concurrent change yields 412 instead of a lost update; the caller decides whether to re-read.
   */
  async replaceAuthParams(
    token: string,
    existing: ExistingConnection,
    params: HubSpotAuthParams,
    marker: string,
  ): Promise<ExistingConnection | 'stale'> {
    // The marker is (re)written too, so a connection found by its legacy name is found by marker next time.
    const patch = [
      { op: 'replace', path: '/auth/params', value: params },
      { op: 'add', path: '/description', value: marker },
    ];
    const res = await this.send(token, {
      method: 'PATCH',
      path: `/connections/${encodeURIComponent(existing.id)}`,
      // Sent as received (quoted); the docs show both forms and the simulator accepts both (docs/reference/adobe-flow-service.md §2.4).
      headers: { 'if-match': existing.etag },
      body: JSON.stringify(patch),
    });
    if (res.status === 412) return 'stale';
    if (res.status !== 200) throw flowServiceError(res.status, res.text, 'update');
    const updated = parseJson(res.text, idAndEtag);
    if (!updated) throw new AppError('AEP_BAD_RESPONSE', 'update answered 200 without {id, etag}');
    return { id: updated.id, etag: updated.etag, name: existing.name };
  }

  /** GET /connections/{id}/explore?objectType=root: the tables AEP can read through the connection (docs/reference/adobe-flow-service.md §2.6). */
  async exploreRoot(token: string, connectionId: string): Promise<string[]> {
    // `objectType=root`, lowercase: Adobe's explore tutorials send it that way, and it is what the live service is
    // shown answering; the OpenAPI enum spells `ROOT` (docs/reference/adobe-flow-service.md §2.6). We follow the tutorials.
    const res = await this.send(token, {
      method: 'GET',
      path: `/connections/${encodeURIComponent(connectionId)}/explore?objectType=root`,
      retries: 2,
    });
    if (res.status !== 200) throw flowServiceError(res.status, res.text, 'explore');
    const tables = parseJson(res.text, exploreBody);
    if (!tables) throw new AppError('AEP_BAD_RESPONSE', 'explore answered 200 without a table array');
    return tables.map((t) => t.name);
  }

  /**
   * DELETE of a Platform object (DELETABLE): a base connection or one of its dataflow's objects. A DELETE is idempotent, so it is retried like a read, and a 404 means someone (or an
   * earlier attempt whose answer was lost) already deleted it: `gone`, not an error. Adobe refuses to delete a base
   * connection a flow still uses (FLOW-1418-400): `AEP_CONNECTION_IN_USE`.
   */
  async deleteObject(token: string, kind: PlatformObjectKind, id: string): Promise<'deleted' | 'gone'> {
    const [base, path] = DELETABLE[kind];
    const url = `${this.#config.adobe[base]}${path}${encodeURIComponent(id)}`;
    const res = await this.send(token, { method: 'DELETE', url, retries: 2 });
    if (res.status === 404) return 'gone';
    if (res.status >= 200 && res.status < 300) return 'deleted';
    const error = flowServiceError(res.status, res.text, `delete ${kind}`);
    if (String(error.details.adobeCode ?? '').includes('1418')) {
      throw new AppError('AEP_CONNECTION_IN_USE', `Flow Service refused to delete connection ${id}: a flow uses it`, { cause: error });
    }
    throw error;
  }
}
