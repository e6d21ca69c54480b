import type { z } from 'zod';

/** Parses JSON text and validates it; returns undefined when either step fails. */
export function parseJson<T extends z.ZodType>(text: string, schema: T): z.infer<T> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const result = schema.safeParse(value);
  return result.success ? result.data : undefined;
}
