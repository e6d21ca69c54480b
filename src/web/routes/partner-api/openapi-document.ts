import { browserRoutesPart } from './openapi/browser-routes.js';
import { connectSessionsPart } from './openapi/connect-sessions.js';
import { connectionsPart } from './openapi/connections.js';
import { eventsPart } from './openapi/events.js';
import { healthPart } from './openapi/health.js';
import { errorCodeSchema, errorSchema, type OpenApiPart } from './openapi/shared.js';
import { webhooksPart } from './openapi/webhooks.js';

/** One module per route group; a new group is one more part here. */
const PARTS: readonly OpenApiPart[] = [connectSessionsPart, connectionsPart, healthPart, eventsPart, browserRoutesPart, webhooksPart];

/**
 * OpenAPI 3.1 description of the partner API, the browser routes embed.js uses and the webhooks
 * (https://spec.openapis.org/oas/v3.1.0), served at GET /api/v1/openapi.json.
 * test/integration/partner-openapi.test.ts validates it and checks real answers against it.
 */
export function partnerOpenApi(publicBaseUrl: string) {
  const merge = (key: keyof OpenApiPart) => Object.assign({}, ...PARTS.map((part) => part[key] ?? {})) as Record<string, unknown>;
  return {
    openapi: '3.1.0',
    info: {
      title: 'hubspot-aep-connect partner API',
      version: '1.0.0',
      description:
        'Connect a user’s HubSpot portal to Adobe Experience Platform from your product: create a connect session, hand its token to embed.js (or send the user to its url), and learn the outcome from the return URL, a signed webhook or GET.',
    },
    servers: [{ url: publicBaseUrl, description: 'This deployment' }],
    tags: [
      { name: 'Partner API', description: 'Server to server, with your API key.' },
      { name: 'Browser', description: 'Called by the user’s browser and embed.js; no API key.' },
    ],
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'A partner API key registered (as its SHA-256) in PARTNERS_FILE.' },
      },
      schemas: { Error: errorSchema, ErrorCode: errorCodeSchema(), ...merge('schemas') },
    },
    security: [{ apiKey: [] }],
    paths: merge('paths'),
    webhooks: merge('webhooks'),
  };
}
