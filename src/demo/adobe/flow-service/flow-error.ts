import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { FLOW_ERROR_TITLES, type FlowErrorCode, type FlowFailure } from './error-catalog.js';

export interface FlowErrorExtras {
  /** Overrides `errorMessage` where the docs show it differing from the detailed message (1404). */
  errorMessage?: string;
  /** Extra `report` members, e.g. the resource `id` and `type` of a 404. */
  report?: Record<string, unknown>;
}

/**
 * Sends a Flow Service (service-level) error. Shape from the only full example, a FLOW-1439-404 in
 * EN `help/sources/tutorials/api/labels.md@0761c1a2` (docs/reference/adobe-flow-service.md §3.3): `type` ends in the catalog
 * code, `status` is the code's suffix, and `errorMessage`/`errorDetails` repeat the detailed message.
 */
export function sendFlowError(req: Request, res: Response, code: FlowErrorCode, detail: string, extras: FlowErrorExtras = {}): void {
  const status = Number(code.slice(code.indexOf('-') + 1));
  const requestId = req.get('x-request-id') ?? randomUUID();
  res.set('x-request-id', requestId);
  res.status(status).json({
    type: `https://ns.adobe.com/aep/errors/FLOW-${code}`,
    title: FLOW_ERROR_TITLES[code],
    status,
    report: { 'detailed-message': detail, ...extras.report, 'request-id': requestId },
    errorMessage: extras.errorMessage ?? detail,
    errorDetails: detail,
  });
}

export function sendFlowFailure(req: Request, res: Response, failure: FlowFailure): void {
  sendFlowError(req, res, failure.code, failure.detail);
}

/**
 * 404 for a resource this caller cannot see: unknown id, or another org or sandbox. Flows get FLOW-1439-404, the code
 * of the documented flow example above; the other kinds the catalog's generic FLOW-1101-404.
 */
export function sendNotFound(req: Request, res: Response, kind: string, id: string): void {
  const code = kind === 'flows' ? '1439-404' : '1101-404';
  const detail =
    kind === 'flows'
      ? `The requested flows resource ${id} is not found. Verify the resource ID before trying again.`
      : `The requested ${kind} resource ${id} is not found. Error from flow provider: Resource with given id does not exist.`;
  sendFlowError(req, res, code, detail, { report: { id, type: kind } });
}

/** FLOW-1101-404 for a connection this caller cannot see. */
export function sendConnectionNotFound(req: Request, res: Response, id: string): void {
  sendNotFound(req, res, 'connections', id);
}
