import type { Request, Response } from 'express';
import { sendPlatformError } from '../platform/platform-error.js';

/**
 * Schema Registry errors in its `errorBasic` shape (schema-registry.openapi.yaml): `type` ends in an `XDM-…` code.
 * [INFERRED] the numbers: Adobe documents the shape but no catalog of codes, so there is one per status.
 */
const CODES = {
  400: { code: 'XDM-1000-400', title: 'Bad request' },
  404: { code: 'XDM-1010-404', title: 'Not found' },
  406: { code: 'XDM-1020-406', title: 'Not acceptable' },
  409: { code: 'XDM-1030-409', title: 'Conflict' },
  500: { code: 'XDM-1090-500', title: 'Internal error' },
} as const;

/** `documented` replaces the inferred code where the document gives one (its `acceptError…` examples). */
export function sendRegistryError(
  req: Request,
  res: Response,
  status: keyof typeof CODES,
  detail: string,
  documented?: { code: string; title: string },
): void {
  sendPlatformError(req, res, { status, ...(documented ?? CODES[status]), detail });
}
