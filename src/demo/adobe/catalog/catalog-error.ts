import type { Request, Response } from 'express';
import { sendPlatformError } from '../platform/platform-error.js';

/** [INFERRED] Catalog documents no error body or codes; it gets Platform's shape with a `CAT-` code per status. */
const CODES = {
  400: { code: 'CAT-1000-400', title: 'Bad request' },
  404: { code: 'CAT-1010-404', title: 'Not found' },
  500: { code: 'CAT-1090-500', title: 'Internal error' },
} as const;

export function sendCatalogError(req: Request, res: Response, status: keyof typeof CODES, detail: string): void {
  sendPlatformError(req, res, { status, ...CODES[status], detail });
}
