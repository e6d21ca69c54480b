import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { checkConnectionAuth } from './auth-check.js';
import { findConnectionSpec } from './connection-spec.js';
import type { ConnectionStore } from './connection-store.js';
import { providerRejection } from './error-catalog.js';
import { newEtag } from './etag.js';
import { sendFlowError, sendFlowFailure } from './flow-error.js';
import { callerOf } from './gateway.js';
import type { BodyValidator } from './openapi-schema.js';
import { jsonBodyOf } from './request-body.js';
import type { StoredConnection } from './types.js';

/** The body once it satisfies `CreateConnectionRequest` (with the alignments in openapi-schema.ts). */
interface CreateConnectionBody {
  name: string;
  description?: string;
  auth: { specName: string; params: Record<string, unknown> };
  connectionSpec: { id: string; version?: string };
}

/**
 * `POST /connections` (docs/reference/adobe-flow-service.md §2.1): 201 `{id, etag}` with a `Location` header. Checks run from
 * the body's shape (OpenAPI schema) to its meaning (connection spec, auth spec, auth params).
 */
export function createConnectionRoute(store: ConnectionStore, validateBody: BodyValidator): RequestHandler {
  return (req: Request, res: Response) => {
    const parsed = jsonBodyOf(req, res);
    if (!parsed) return;
    // [UNCONFIRMED] no documented error for a schema violation; FLOW-1100-400 as for bad auth params.
    const invalid = validateBody(parsed.value);
    if (invalid !== undefined) {
      return sendFlowFailure(req, res, providerRejection(`${invalid}.`));
    }
    const body = parsed.value as CreateConnectionBody;

    const spec = findConnectionSpec(body.connectionSpec.id);
    // Omitting the version selects the most recent one (docs/reference/adobe-flow-service.md §2.1); HubSpot has only "1.0".
    const version = body.connectionSpec.version ?? spec?.version;
    if (!spec || version !== spec.version) {
      const detail = spec
        ? `The spec ID provided is invalid: connection spec ${spec.id} has no version '${version}'. Please provide a valid spec ID and try again.`
        : 'The spec ID provided is invalid. Please provide a valid spec ID and try again.';
      return sendFlowError(req, res, '1413-400', detail);
    }
    const authFailure = checkConnectionAuth(spec, body.auth, '1100-400');
    if (authFailure) return sendFlowFailure(req, res, authFailure);

    const caller = callerOf(res);
    const now = Date.now();
    const connection: StoredConnection = {
      id: randomUUID(),
      name: body.name,
      ...(body.description === undefined ? {} : { description: body.description }),
      auth: { specName: body.auth.specName, params: structuredClone(body.auth.params) },
      connectionSpec: { id: spec.id, version },
      imsOrgId: caller.orgId,
      sandboxName: caller.sandboxName,
      etag: newEtag(now),
      state: 'enabled',
      createdAt: now,
      updatedAt: now,
      createdClient: caller.token.clientId,
      updatedClient: caller.token.clientId,
    };
    store.add(connection);
    // Absolute, built from the request like a server behind its own host name would.
    const location = `${req.protocol}://${req.get('host')}${req.baseUrl}/connections/${connection.id}`;
    res.status(201).location(location).json({ id: connection.id, etag: connection.etag });
  };
}
