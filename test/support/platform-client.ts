import type { ImsSimCredential, ImsSimulator } from '../../src/demo/adobe/ims/index.js';

/** The four headers every Platform call sends (docs/reference/adobe-dataflow.md §1), with a fresh IMS token. */
export async function platformHeaders(ims: ImsSimulator, credential: ImsSimCredential, sandbox = 'prod'): Promise<Record<string, string>> {
  const response = await fetch(ims.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: credential.clientId,
      client_secret: credential.clientSecret,
      scope: credential.scopes.join(','),
    }),
  });
  const { access_token: token } = (await response.json()) as { access_token: string };
  return {
    authorization: `Bearer ${token}`,
    'x-api-key': credential.clientId,
    'x-gw-ims-org-id': credential.orgId,
    'x-sandbox-name': sandbox,
  };
}

export interface PlatformResponse {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

/**
 * A client for one API: `send(method, path, body?, extraHeaders?)` sends `body` as JSON (or as-is when a string) with
 * the headers `headers()` returns, and parses any answer as JSON.
 */
export function platformClient(baseUrl: () => string, headers: () => Record<string, string>) {
  return async (method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<PlatformResponse> => {
    const withBody: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
    const response = await fetch(`${baseUrl()}${path}`, {
      method,
      headers: { ...headers(), ...withBody, ...extra },
      body: body === undefined || typeof body === 'string' ? (body as string | undefined) : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, body: text ? (JSON.parse(text) as unknown) : undefined };
  };
}

/** The documented primary-identity descriptor on a schema's personal email (docs/reference/adobe-dataflow.md §1, row 2p). */
export const emailIdentityDescriptor = (schemaId: string) => ({
  '@type': 'xdm:descriptorIdentity',
  'xdm:sourceSchema': schemaId,
  'xdm:sourceVersion': 1,
  'xdm:sourceProperty': '/personalEmail/address',
  'xdm:namespace': 'Email',
  'xdm:property': 'xdm:code',
  'xdm:isPrimary': true,
});
