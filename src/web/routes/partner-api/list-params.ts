import { z } from 'zod';

/** The page size of every list of the partner API (Stripe's bounds): 1–100, 20 when absent. */
export const limitParam = z
  .string()
  .regex(/^\d{1,3}$/)
  .transform(Number)
  .pipe(z.number().int().min(1).max(100))
  .optional();
export const DEFAULT_LIMIT = 20;

/** `starting_after`: the id of the last item of the previous page. */
export const cursorParam = z.string().min(1).max(256).optional();
