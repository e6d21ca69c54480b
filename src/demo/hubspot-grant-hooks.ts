import type { FlowServiceSimOptions, StoredConnection } from './adobe/flow-service/index.js';
import type { HubSpotSimulator } from './hubspot/index.js';

/**
 * What Adobe's HubSpot connector runs into with a connection's stored credentials: the refresh token must still be
 * honoured by HubSpot (the app not uninstalled) and still carry every scope the app requires (none taken away). The
 * connection test answers `false` and scheduled runs fail until a reconnect PATCHes new tokens into the connection.
 */
export function hubspotGrantHooks(
  hubspot: HubSpotSimulator,
  required: readonly string[],
): Required<Pick<FlowServiceSimOptions, 'connectionTest' | 'runOutcome'>> {
  const accepts = (connection: StoredConnection | undefined): boolean => {
    const token = connection?.auth.params['refreshToken'];
    if (typeof token !== 'string') return false;
    const grant = hubspot.grantOf(token);
    return grant.active && required.every((scope) => grant.scopes.includes(scope));
  };
  return {
    connectionTest: async (connection) => accepts(connection),
    // The code Adobe gives a run whose source refused its credentials is undocumented; the message says what happened.
    runOutcome: async (_flow, connection) =>
      accepts(connection)
        ? 'success'
        : {
            failed: true,
            errors: [
              {
                code: 'CONNECTOR-1001-401',
                message: 'HubSpot refused the stored credentials (refresh token invalid, expired or revoked).',
              },
            ],
          },
  };
}
