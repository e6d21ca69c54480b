import type { Request, Response } from 'express';
import { sendPlatformError } from '../platform/platform-error.js';

/** [INFERRED] Data Prep documents no error body or codes; it gets Platform's shape with a `DPR-` code per status. */
const CODES = {
  400: { code: 'DPR-1000-400', title: 'Invalid mapping set request' },
  404: { code: 'DPR-1010-404', title: 'Not found' },
  500: { code: 'DPR-1090-500', title: 'Internal server error' },
} as const;

export function sendDataPrepError(req: Request, res: Response, status: keyof typeof CODES, detail: string): void {
  sendPlatformError(req, res, { status, ...CODES[status], detail });
}
