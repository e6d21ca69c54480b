import type { Request, RequestHandler, Response } from 'express';
import { checkConnectionAuth } from './auth-check.js';
import { findConnectionSpec } from './connection-spec.js';
import { sendFlowError, sendFlowFailure } from './flow-error.js';
import { callerOf } from '../platform/gateway.js';
import type { FlowServiceStores } from './flow-stores.js';
import type { BodyValidator } from './openapi-schema.js';
import { newResourceMeta } from './resource-meta.js';
import { validBodyOf } from './request-body.js';
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
export function createConnectionRoute(stores: FlowServiceStores, validateBody: BodyValidator): RequestHandler {
  return (req: Request, res: Response) => {
    const body = validBodyOf<CreateConnectionBody>(req, res, validateBody);
    if (!body) return;

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

    const connection: StoredConnection = {
      ...newResourceMeta(callerOf(res)),
      name: body.name,
      ...(body.description === undefined ? {} : { description: body.description }),
      auth: { specName: body.auth.specName, params: structuredClone(body.auth.params) },
      connectionSpec: { id: spec.id, version },
      state: 'enabled',
    };
    stores.connections.add(connection);
    stores.creates.connections += 1;
    // Absolute, built from the request like a server behind its own host name would.
    sendCreated(req, res, 'connections', connection);
  };
}

/** 201 `{id, etag}` with an absolute `Location`, built from the request like a server behind its own host name would. */
export function sendCreated(req: Request, res: Response, kind: string, resource: { id: string; etag: string }): void {
  const location = `${req.protocol}://${req.get('host')}${req.baseUrl}/${kind}/${resource.id}`;
  res.status(201).location(location).json({ id: resource.id, etag: resource.etag });
}
