import type { Request, Response } from 'express';
import type { BodyValidator } from '../platform/openapi-document.js';
import { readJsonBody } from '../platform/json-request.js';
import { providerRejection } from './error-catalog.js';
import { sendFlowError, sendFlowFailure } from './flow-error.js';

/** Parses the raw body as JSON; an empty (or `null`) body gets FLOW-1405-400. Returns undefined once it has answered. */
export function jsonBodyOf(req: Request, res: Response): { value: unknown } | undefined {
  return readJsonBody(req, res, () =>
    sendFlowError(req, res, '1405-400', 'The request body cannot be null or empty. Please provide a request body and try again.'),
  );
}

/**
 * The JSON body once it satisfies the operation's OpenAPI schema; otherwise answers FLOW-1100-400 ([UNCONFIRMED]: no
 * documented error for a schema violation; 1100 is the catalog's generic one) and returns undefined.
 */
export function validBodyOf<T>(req: Request, res: Response, validate: BodyValidator): T | undefined {
  const parsed = jsonBodyOf(req, res);
  if (!parsed) return undefined;
  const invalid = validate(parsed.value);
  if (invalid !== undefined) {
    sendFlowFailure(req, res, providerRejection(`${invalid}.`));
    return undefined;
  }
  return parsed.value as T;
}
