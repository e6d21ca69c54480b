import type { Request, RequestHandler, Response } from 'express';
import { checkConnectionAuth } from './auth-check.js';
import { findConnectionSpec } from './connection-spec.js';
import type { ConnectionStore } from './connection-store.js';
import type { FlowFailure } from './error-catalog.js';
import { ifMatchMatches, unquote } from './etag.js';
import { touch } from './resource-meta.js';
import { sendConnectionNotFound, sendFlowError, sendFlowFailure } from './flow-error.js';
import { callerOf } from '../platform/gateway.js';
import { applyPatch, invalidPatch, parsePatch, type PatchableConnection } from './json-patch.js';
import { jsonBodyOf } from './request-body.js';
import type { StoredConnection } from './types.js';

/**
 * `PATCH /connections/{id}` (docs/reference/adobe-flow-service.md §2.4): JSON Patch guarded by `If-Match`; 200 `{id, etag}` with a
 * new etag. The patched connection must still satisfy its auth spec, else 1455.
 */
export function patchConnectionRoute(store: ConnectionStore): RequestHandler {
  return (req: Request, res: Response) => {
    const ifMatch = req.get('if-match');
    if (!ifMatch) {
      return sendFlowError(
        req,
        res,
        '1403-400',
        "The header 'If-Match' is missing in the request. Please provide the header and try again.",
      );
    }
    const parsed = jsonBodyOf(req, res);
    if (!parsed) return;
    const id = String(req.params['id']);
    const caller = callerOf(res);
    const connection = store.get(id, caller);
    if (!connection) return sendConnectionNotFound(req, res, id);
    if (!ifMatchMatches(ifMatch, connection.etag)) return sendVersionMismatch(req, res, ifMatch, connection.etag);

    const operations = parsePatch(parsed.value);
    if ('code' in operations) return sendFlowFailure(req, res, operations);
    const patched: PatchableConnection = {
      name: connection.name,
      ...(connection.description === undefined ? {} : { description: connection.description }),
      auth: structuredClone(connection.auth),
      connectionSpec: { ...connection.connectionSpec },
    };
    const failure = applyPatch(patched, operations) ?? checkPatched(connection, patched);
    if (failure) return sendFlowFailure(req, res, failure);

    const { name, description, auth } = patched as Pick<StoredConnection, 'name' | 'description' | 'auth'>;
    connection.name = name;
    if (description === undefined) delete connection.description;
    else connection.description = description;
    connection.auth = auth;
    touch(connection, caller);
    res.status(200).json({ id: connection.id, etag: connection.etag });
  };
}

/** The patched members must have the types a created connection has, and pass its auth spec. */
function checkPatched(connection: StoredConnection, patched: PatchableConnection): FlowFailure | undefined {
  if (typeof patched.name !== 'string' || patched.name === '') return invalidPatch('"name" must be a non-empty string.');
  if (patched.description !== undefined && typeof patched.description !== 'string') {
    return invalidPatch('"description" must be a string.');
  }
  const auth = patched.auth as { specName?: unknown; params?: unknown } | null;
  if (typeof auth?.specName !== 'string' || typeof auth.params !== 'object' || auth.params === null) {
    return invalidPatch('"auth" must have a string "specName" and an object "params".');
  }
  const spec = findConnectionSpec(connection.connectionSpec.id);
  return spec && checkConnectionAuth(spec, { specName: auth.specName, params: auth.params }, '1455-400');
}

/**
 * 412 FLOW-1404. `report.detailed-message` follows the catalog; `errorMessage` follows the body shown
 * in the troubleshooting guide, where each etag appears JSON-escaped inside brackets (docs/reference/adobe-flow-service.md §2.4).
 */
function sendVersionMismatch(req: Request, res: Response, ifMatch: string, etag: string): void {
  const supplied = `"${unquote(ifMatch)}"`;
  const escaped = (value: string) => value.replaceAll('"', '\\"');
  sendFlowError(
    req,
    res,
    '1404-412',
    `The supplied version '${supplied}' does not match the current version on entity '${etag}'. Please ensure that the supplied version matches the current version on entity and try again.`,
    { errorMessage: `Supplied version=[${escaped(supplied)}] does not match the current version on entity=[${escaped(etag)}]` },
  );
}
