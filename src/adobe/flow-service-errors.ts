import { z } from 'zod';
import { AppError } from '../errors/app-error.js';
import type { ErrorCode } from '../errors/error-codes.js';
import { parseJson } from '../http/parse-json.js';

/**
 * Flow Service answers errors in three shapes (docs/reference/adobe-flow-service.md §3.2–3.3): the gateway's
 * `{error_code, message}`, the service's RFC-7807-like `{type: ".../FLOW-1101-404", title, status, report}`,
 * and the content-type problem `{type, status, title, detail}`. We keep only a short, non-secret code.
 */
const errorBody = z
  .object({
    error_code: z.union([z.string(), z.number()]).optional(),
    errorCode: z.union([z.string(), z.number()]).optional(),
    type: z.string().optional(),
    title: z.string().optional(),
  })
  .loose();

export function adobeErrorCodeOf(text: string): string | undefined {
  const body = parseJson(text, errorBody);
  if (!body) return undefined;
  const plain = body.error_code ?? body.errorCode;
  if (plain !== undefined) return String(plain);
  // Flow Service `…/FLOW-1101-404`; Schema Registry and Catalog use the same pattern with their own prefixes.
  const flowCode = body.type?.match(/[A-Z]+-\d+-\d+$/)?.[0];
  return flowCode ?? body.title;
}

/** Maps a Flow Service error status to our code; the page for each says what an admin should do. */
export function flowServiceError(status: number, text: string, operation: string): AppError {
  const adobeCode = adobeErrorCodeOf(text);
  const code: ErrorCode =
    status === 401
      ? 'AEP_UNAUTHORIZED'
      : status === 403
        ? 'AEP_FORBIDDEN'
        : status === 404
          ? 'AEP_NOT_FOUND'
          : status === 429 || status >= 500
            ? 'AEP_UNAVAILABLE'
            : 'AEP_REJECTED';
  return new AppError(code, `Flow Service ${operation} answered ${status}${adobeCode ? ` ${adobeCode}` : ''}`, {
    details: { upstreamStatus: status, ...(adobeCode ? { adobeCode } : {}) },
  });
}
