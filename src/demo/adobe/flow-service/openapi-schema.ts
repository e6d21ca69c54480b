import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type SchemaObject } from 'ajv';
import { parse } from 'yaml';

const FILE_NAME = 'flow-service.openapi.yaml';
/** Where the file lives in the source tree, relative to the project root. */
const SOURCE_DIR = ['src', 'demo', 'adobe', 'flow-service'];

/**
 * Adobe's Flow Service OpenAPI document (APIS `static/swagger-specs/flow-service.yaml`, docs/reference/adobe-flow-service.md §2),
 * kept beside this module. `tsc` does not copy it to `dist/`, so when running compiled code the file is
 * found under the project root (the nearest folder with a package.json) instead.
 */
export function locateOpenApiDocument(): string {
  const beside = fileURLToPath(new URL(`./${FILE_NAME}`, import.meta.url));
  if (existsSync(beside)) return beside;
  for (let dir = dirname(beside); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, ...SOURCE_DIR, FILE_NAME);
    if (dirname(dir) === dir) throw new Error(`${FILE_NAME} not found beside ${beside} nor under a project root`);
  }
}

type Schemas = Record<string, SchemaObject>;

/**
 * The spec's schemas are looser than its own prose for the create request, so the simulator tightens
 * them where the requestBody description says "(Required)" (name, auth, auth.specName, auth.params),
 * and loosens `connectionSpec.version`, which the same description says may be omitted to get the most
 * recent version (docs/reference/adobe-flow-service.md §2.1) although `SpecInfoDTO` lists it as required.
 */
function alignWithRequestDescription(schemas: Schemas): Schemas {
  const { CreateConnectionRequest: request, AuthInfoDTO: auth, SpecInfoDTO: spec } = schemas;
  if (!request || !auth || !spec) throw new Error('flow-service.openapi.yaml lacks the connection schemas');
  request['required'] = ['name', 'auth', 'connectionSpec'];
  // [INFERRED] an empty name is as unusable for look-ups as a missing one.
  request['properties'] = { ...request['properties'], name: { ...request['properties']?.name, minLength: 1 } };
  auth['required'] = ['specName', 'params'];
  spec['required'] = ['id'];
  return schemas;
}

/** Returns a readable list of schema violations, or undefined when the body is valid. */
export type BodyValidator = (body: unknown) => string | undefined;

let createRequestValidator: Promise<BodyValidator> | undefined;

/** Validator for `#/components/schemas/CreateConnectionRequest`, compiled once per process. */
export function loadCreateConnectionValidator(): Promise<BodyValidator> {
  createRequestValidator ??= (async () => {
    const document = parse(await readFile(locateOpenApiDocument(), 'utf8')) as { components?: { schemas?: Schemas } };
    const schemas = alignWithRequestDescription(structuredClone(document.components?.schemas ?? {}));
    // strict:false because OpenAPI 3.0 adds keywords (`example`, `nullable`) that JSON Schema lacks.
    const ajv = new Ajv({ strict: false, allErrors: true, formats: { int64: true, password: true } });
    ajv.addSchema({ components: { schemas } }, FILE_NAME);
    const validate = ajv.compile({ $ref: `${FILE_NAME}#/components/schemas/CreateConnectionRequest` });
    return (body) => (validate(body) ? undefined : ajv.errorsText(validate.errors, { dataVar: 'body' }));
  })();
  return createRequestValidator;
}
