import { Ajv, type SchemaObject, type ValidateFunction } from 'ajv';

export interface AuthSpec {
  name: string;
  spec: SchemaObject & { properties: Record<string, { type: string; description?: string; format?: string }> };
}

export interface ConnectionSpec {
  id: string;
  name: string;
  version: string;
  authSpec: AuthSpec[];
}

/**
 * The HubSpot connection spec as `GET /connectionSpecs?property=name=="hubspot"` returns it
 * (docs/reference/adobe-flow-service.md §1.1, §1.2, copied from EN `crm/hubspot.md@bf05e890`). It is the only spec the
 * simulator knows; any other `connectionSpec.id` gets FLOW-1413-400.
 */
export const HUBSPOT_CONNECTION_SPEC: ConnectionSpec = {
  id: 'cc6a4487-9e91-433e-a3a3-9cf6626c1806',
  name: 'hubspot',
  version: '1.0',
  authSpec: [
    {
      name: 'Basic Authentication',
      spec: {
        $schema: 'http://json-schema.org/draft-07/schema#',
        type: 'object',
        description: 'defines auth params required for connecting to HubSpot',
        properties: {
          clientId: { type: 'string', description: 'The client ID associated with your HubSpot application.' },
          clientSecret: { type: 'string', description: 'The client secret associated with your HubSpot application.', format: 'password' },
          accessToken: {
            type: 'string',
            description: 'The access token obtained when initially authenticating your OAuth integration.',
            format: 'password',
          },
          refreshToken: {
            type: 'string',
            description: 'The refresh token obtained when initially authenticating your OAuth integration.',
            format: 'password',
          },
        },
        required: ['clientId', 'clientSecret', 'accessToken', 'refreshToken'],
      },
    },
  ],
};

const SPECS = [HUBSPOT_CONNECTION_SPEC];

export function findConnectionSpec(id: string): ConnectionSpec | undefined {
  return SPECS.find((spec) => spec.id === id);
}

export function findAuthSpec(spec: ConnectionSpec, specName: string): AuthSpec | undefined {
  return spec.authSpec.find((auth) => auth.name === specName);
}

/** Params the auth spec marks `format: password`; these are masked in GET responses. */
export function secretParamNames(auth: AuthSpec): string[] {
  return Object.entries(auth.spec.properties)
    .filter(([, property]) => property.format === 'password')
    .map(([name]) => name);
}

const ajv = new Ajv({ strict: false, allErrors: true, formats: { password: true } });
const validators = new WeakMap<AuthSpec, ValidateFunction>();

/**
 * Checks `auth.params` against the auth spec; returns a readable error or undefined. Each property
 * additionally gets `minLength: 1` [INFERRED]: the spec only says "string", but an empty credential
 * could never authenticate to HubSpot, and accepting it would hide a client bug until the first run.
 */
export function authParamsError(auth: AuthSpec, params: unknown): string | undefined {
  let validate = validators.get(auth);
  if (!validate) {
    const properties = Object.fromEntries(
      Object.entries(auth.spec.properties).map(([name, property]) => [name, { ...property, minLength: 1 }]),
    );
    validate = ajv.compile({ ...auth.spec, properties });
    validators.set(auth, validate);
  }
  return validate(params) ? undefined : ajv.errorsText(validate.errors, { dataVar: 'auth.params' });
}
