import { AppError } from '../errors/app-error.js';

/**
 * HubSpot drops scopes an account cannot grant and says to "check the token's scopes to see which were
 * granted" (docs/reference/hubspot-oauth.md §1). Missing required scopes stop the flow before anything reaches Adobe;
 * missing optional ones are returned as warnings.
 */
export function checkScopes(
  granted: readonly string[],
  required: readonly string[],
  optional: readonly string[],
): { missingOptional: string[] } {
  const have = new Set(granted);
  const missing = required.filter((s) => !have.has(s));
  if (missing.length > 0) {
    throw new AppError('SCOPES_MISSING', `required scopes not granted: ${missing.join(' ')}`, {
      details: { missing },
    });
  }
  return { missingOptional: optional.filter((s) => !have.has(s)) };
}
