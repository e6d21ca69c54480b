import { AppError } from '../errors/app-error.js';
import { adobeErrorCodeOf } from './flow-service-errors.js';

/** The Experience Platform APIs this service calls; a 403 from each names a different missing permission. */
export type PlatformApiName = 'flow-service' | 'schema-registry' | 'catalog' | 'data-prep';

/**
 * The AEP permission whose absence a 403 from each API means (Access control, permission categories:
 * https://experienceleague.adobe.com/en/docs/experience-platform/access-control/home#permissions). Mapping sets
 * belong to the Sources workflow, so Data Prep answers to Manage Sources too.
 */
export const PERMISSION_BY_API: Readonly<Record<PlatformApiName, string>> = Object.freeze({
  'schema-registry': 'Manage Schemas',
  catalog: 'Manage Datasets',
  'data-prep': 'Manage Sources',
  'flow-service': 'Manage Sources',
});

/**
 * An Experience Platform error answer met while building the dataflow, as one of our codes: 401 the cached token
 * (refreshed once by the caller), 403 the missing permission by API, 429/5xx unavailable (retried with backoff),
 * any other 4xx a rejection carrying Adobe's own code.
 */
export function dataflowError(api: PlatformApiName, status: number, text: string, operation: string): AppError {
  const adobeCode = adobeErrorCodeOf(text);
  const message = `${api} ${operation} answered ${status}${adobeCode ? ` ${adobeCode}` : ''}`;
  const details = { upstreamStatus: status, api, ...(adobeCode ? { adobeCode } : {}) };
  if (status === 401) return new AppError('AEP_UNAUTHORIZED', message, { details });
  if (status === 403)
    return new AppError('DATAFLOW_PERMISSION_DENIED', message, { details: { ...details, permission: PERMISSION_BY_API[api] } });
  if (status === 429 || status >= 500) return new AppError('AEP_UNAVAILABLE', message, { details });
  return new AppError('DATAFLOW_REJECTED', message, { details: { ...details, adobeCode: adobeCode ?? String(status) } });
}

/** A success status with a body that is not what Adobe documents. */
export function badAnswer(api: PlatformApiName, operation: string): AppError {
  return new AppError('AEP_BAD_RESPONSE', `${api} ${operation}: the answer is not the documented JSON`, { details: { api } });
}
