import type { AdobeAccount } from '../config/adobe-account.js';

/**
 * The headers every Experience Platform call carries (docs/reference/adobe-flow-service.md §3.1): the IMS token, the
 * credential's client id as `x-api-key`, the org and the sandbox.
 */
export function platformHeaders(account: AdobeAccount, sandbox: string, token: string): Record<string, string> {
  return {
    authorization: `Bearer ${token}`,
    'x-api-key': account.clientId,
    'x-gw-ims-org-id': account.imsOrg,
    'x-sandbox-name': sandbox,
    accept: 'application/json',
  };
}
