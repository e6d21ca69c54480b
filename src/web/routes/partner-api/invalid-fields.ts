import type { z } from 'zod';
import { AppError } from '../../../errors/app-error.js';

/** A 400 `REQUEST_INVALID` naming each field the validator refused (unknown ones included), never the validator's words. */
export function invalidRequest(error: z.ZodError, what: string, whole: string): AppError {
  const fields = [...new Set(error.issues.flatMap((i) => (i.code === 'unrecognized_keys' ? i.keys : [i.path.join('.') || whole])))];
  return new AppError('REQUEST_INVALID', `invalid ${what}`, { details: { fields } });
}
