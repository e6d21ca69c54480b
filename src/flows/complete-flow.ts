import type { AdobeClients, AdobeResolver } from '../adobe/adobe-directory.js';
import { connectionNameFor } from '../adobe/hubspot-connection-spec.js';
import type { Config } from '../config/config.js';
import { AppError, toAppError } from '../errors/app-error.js';
import type { HubSpotOAuth } from '../hubspot/oauth-client.js';
import type { TokenInfo } from '../hubspot/introspect-token.js';
import type { KeyValueStore } from '../store/key-value-store.js';
import { checkScopes } from './check-scopes.js';
import { failFlow } from './fail-flow.js';
import { FLOW_RESULT_TTL_MS, flowKey, type FlowRecord } from './flow-record.js';
import { upsertConnection } from './upsert-connection.js';
import { withLock } from '../store/with-lock.js';

/** Long enough for a find + PATCH/POST with their deadlines; a crashed holder frees it by TTL. */
const CONNECTION_LOCK = { ttlMs: 60_000, waitMs: 45_000 };

export interface CompleteFlowDeps {
  config: Config;
  store: KeyValueStore;
  hubspot: HubSpotOAuth;
  introspect(accessToken: string): Promise<TokenInfo>;
  adobe: AdobeResolver;
}

/**
 * The callback's work, after the state was claimed: code → tokens → portal → scope check → IMS token →
 * Flow Service connection. Tokens live only in this function's locals; the record keeps the outcome.
 * Every outcome, success or failure, is written to the record so a replayed callback can show it.
 */
export async function completeFlow(deps: CompleteFlowDeps, claimed: FlowRecord, code: string): Promise<FlowRecord> {
  const { pkceVerifier, ...rest } = claimed;
  const adobe = deps.adobe.forTarget(claimed.target);
  let record: FlowRecord = { ...rest, status: 'authorized' };
  await save(deps.store, record);
  try {
    const tokens = await deps.hubspot.exchangeCode({ code, codeVerifier: pkceVerifier ?? '' });
    const info = await deps.introspect(tokens.accessToken);
    // Liberal in what we accept: introspection is the authority, the token response fills its gaps.
    const scopes = info.scopes.length > 0 ? info.scopes : (tokens.scopes ?? []);
    const hubId = info.hubId ?? tokens.hubId;
    if (hubId === undefined) throw new AppError('HUBSPOT_BAD_RESPONSE', 'neither the token response nor introspection names the hub id');
    const hub = { hubId, domain: info.hubDomain, scopes, ...(info.user ? { user: info.user } : {}) };
    record = { ...record, hub };
    const { missingOptional } = checkScopes(scopes, deps.config.hubspot.scopes, deps.config.hubspot.optionalScopes);

    record = { ...record, status: 'submitting' };
    await save(deps.store, record);
    const name = connectionNameFor(hub);
    // One writer per (org, sandbox, portal): find-then-create must not race with itself.
    const lockKey = `lock:connection:${record.target.org}:${record.target.sandbox}:${hub.hubId}`;
    const { connection, reconnected } = await withLock(deps.store, lockKey, CONNECTION_LOCK, () =>
      upsertConnection(adobe.flowService, adobe.ims, {
        name,
        description: `HubSpot portal ${hub.domain} (hub id ${hub.hubId}), connected with hubspot-aep-connect`,
        params: {
          clientId: deps.config.hubspot.clientId,
          clientSecret: deps.config.hubspot.clientSecret,
          accessToken: tokens.accessToken,
          refreshToken: tokens.refreshToken,
        },
      }),
    );
    record = {
      ...record,
      status: 'connected',
      connection,
      reconnected,
      ...(missingOptional.length > 0 ? { warnings: missingOptional } : {}),
    };
    record.tables = await listTables(adobe, connection.id);
    await save(deps.store, record);
    return record;
  } catch (err) {
    const appError = toAppError(err);
    await failFlow(deps.store, record, appError);
    throw appError;
  }
}

/** Best effort: the connection exists whatever explore says, so a failure here is not the flow's failure. */
async function listTables(adobe: AdobeClients, connectionId: string): Promise<string[] | undefined> {
  try {
    return await adobe.flowService.exploreRoot(await adobe.ims.getToken(), connectionId);
  } catch {
    return undefined;
  }
}

function save(store: KeyValueStore, record: FlowRecord): Promise<void> {
  return store.set(flowKey(record.id), record, FLOW_RESULT_TTL_MS);
}
