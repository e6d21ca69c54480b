import { authParamsError, findAuthSpec, type ConnectionSpec } from './connection-spec.js';
import { providerRejection, type FlowErrorCode, type FlowFailure } from './error-catalog.js';
import { invalidPatch } from './json-patch.js';

/**
 * Checks a connection's `auth` against its connection spec: an unknown `specName` is FLOW-1415-400
 * (docs/reference/adobe-flow-service.md §3.3); params that fail the auth spec's JSON schema get `paramsCode`.
 *
 * [UNCONFIRMED] Adobe documents no error for bad `auth.params` (docs/reference/adobe-flow-service.md §3.3). On create the
 * simulator answers FLOW-1100-400, whose catalog message is the generic "The request could not be
 * processed. Error from flow provider: …"; on PATCH it answers 1455-400, the catalog's JSON Patch
 * validation error (docs/reference/adobe-flow-service.md §2.4).
 */
export function checkConnectionAuth(
  spec: ConnectionSpec,
  auth: { specName: string; params: unknown },
  paramsCode: Extract<FlowErrorCode, '1100-400' | '1455-400'>,
): FlowFailure | undefined {
  const authSpec = findAuthSpec(spec, auth.specName);
  if (!authSpec) {
    return {
      code: '1415-400',
      detail: `The auth spec '${auth.specName}' could not be found for the connection spec ID ${spec.id}.`,
    };
  }
  const problem = authParamsError(authSpec, auth.params);
  if (problem === undefined) return undefined;
  const reason = `${problem} (auth spec '${authSpec.name}').`;
  return paramsCode === '1100-400' ? providerRejection(reason) : invalidPatch(reason);
}
