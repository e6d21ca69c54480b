import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { SandboxRejection } from './gateway.js';

export interface PlatformError {
  status: number;
  /** e.g. `XDM-1010-404`: the API's prefix, a number and the status. */
  code: string;
  title: string;
  detail: string;
}

/**
 * The RFC 7807-like body Platform's services answer with (`type`, `title`, `status`, `detail`, a `report`), as in
 * Schema Registry's `errorBasic` (schema-registry.openapi.yaml) and Adobe's API troubleshooting guide
 * (https://experienceleague.adobe.com/en/docs/experience-platform/landing/troubleshooting). [INFERRED] Catalog and
 * Data Prep document no error body; they get the same shape, with their own code prefix.
 */
export function sendPlatformError(req: Request, res: Response, error: PlatformError): void {
  const requestId = req.get('x-request-id') ?? randomUUID();
  res.set('x-request-id', requestId);
  res.status(error.status).json({
    type: `https://ns.adobe.com/aep/errors/${error.code}`,
    title: error.title,
    status: error.status,
    report: { registryRequestId: requestId, timestamp: new Date().toISOString(), 'detailed-message': error.detail },
    detail: error.detail,
  });
}

/**
 * A missing or unknown sandbox, for the APIs whose own sandbox codes Adobe does not document: Flow Service's
 * numbers (2105-400, 2100-404; docs/reference/adobe-flow-service.md §3.3) under the API's prefix [INFERRED].
 */
export function rejectSandboxAs(prefix: string): SandboxRejection {
  return (req, res, name) =>
    name === undefined
      ? sendPlatformError(req, res, {
          status: 400,
          code: `${prefix}-2105-400`,
          title: 'Header is missing',
          detail: 'The header x-sandbox-name is missing in the request.',
        })
      : sendPlatformError(req, res, {
          status: 404,
          code: `${prefix}-2100-404`,
          title: 'Sandbox not found',
          detail: `The sandbox with the name '${name}' could not be found.`,
        });
}

/** `Pick`s of a resource for `properties=a,b` (Catalog) and similar projections. */
export function pickFields(item: Record<string, unknown>, names: readonly string[] | undefined): Record<string, unknown> {
  return names ? Object.fromEntries(names.filter((n) => Object.hasOwn(item, n)).map((n) => [n, item[n]])) : item;
}
