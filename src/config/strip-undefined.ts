/** A copy of `value` without its undefined fields (stored records and JSON answers omit what is absent). */
export function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
