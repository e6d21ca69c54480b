import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';

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
