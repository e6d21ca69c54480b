import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type SchemaObject } from 'ajv';
import { parse } from 'yaml';

/** Returns a readable list of schema violations, or undefined when the value is valid. */
export type BodyValidator = (body: unknown) => string | undefined;

export type Schemas = Record<string, SchemaObject>;

/**
 * One of Adobe's vendored OpenAPI documents (AdobeDocs/experience-platform-apis `static/swagger-specs/`), kept beside
 * the simulator that serves it in `src/demo/adobe/<api>/`. `tsc` does not copy yaml to `dist/`, so compiled code finds
 * the file under the project root (the nearest folder with a package.json) instead.
 */
export function locateOpenApiDocument(api: string): string {
  const fileName = `${api}.openapi.yaml`;
  const beside = fileURLToPath(new URL(`../${api}/${fileName}`, import.meta.url));
  if (existsSync(beside)) return beside;
  for (let dir = dirname(beside); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'src', 'demo', 'adobe', api, fileName);
    if (dirname(dir) === dir) throw new Error(`${fileName} not found beside ${beside} nor under a project root`);
  }
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  /** OpenAPI 3 puts the type in `schema`; Swagger 2.0 on the parameter itself. */
  schema?: SchemaObject;
  type?: string;
  enum?: unknown[];
  $ref?: string;
}

interface RawDocument {
  swagger?: string;
  definitions?: Schemas;
  parameters?: Record<string, Parameter>;
  components?: { schemas?: Schemas; parameters?: Record<string, Parameter> };
  paths?: Record<string, Record<string, { operationId?: string; parameters?: Parameter[] }>>;
}

/**
 * A loaded document with ajv validators over its schemas. OpenAPI 3.0 keeps schemas under `components.schemas`,
 * Swagger 2.0 (Schema Registry) under `definitions`; both are registered as they are, so each document's own
 * `$ref`s resolve, and `schemaRef(name)` gives the right pointer. `adapt` may edit a copy of the schemas first,
 * where Adobe's prose or the reference's choices differ from the document (each call site says why).
 */
export class OpenApiDocument {
  readonly #ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  readonly #raw: RawDocument;
  readonly #id: string;
  readonly #schemas: Schemas;

  /** `document` is the parsed YAML or JSON of an OpenAPI 3.0 or Swagger 2.0 document. */
  constructor(id: string, document: object, adapt?: (schemas: Schemas) => void) {
    const raw = document as RawDocument;
    this.#id = id;
    this.#raw = raw;
    this.#schemas = withoutExamples(structuredClone(raw.swagger ? (raw.definitions ?? {}) : (raw.components?.schemas ?? {})));
    adapt?.(this.#schemas);
    this.#ajv.addSchema(raw.swagger ? { definitions: this.#schemas } : { components: { schemas: this.#schemas } }, id);
  }

  /** The JSON pointer of a named schema in this document. */
  schemaRef(name: string): string {
    if (!this.#schemas[name]) throw new Error(`${this.#id} has no schema ${name}`);
    return `${this.#id}#/${this.#raw.swagger ? 'definitions' : 'components/schemas'}/${name}`;
  }

  /** Validator for a named schema, or for an inline schema whose `$ref`s point into this document. */
  validator(schema: string | SchemaObject): BodyValidator {
    const validate = this.#ajv.compile(typeof schema === 'string' ? { $ref: this.schemaRef(schema) } : schema);
    return (body) => (validate(body) ? undefined : this.#ajv.errorsText(validate.errors, { dataVar: 'body' }));
  }

  /**
   * Checks the query string against an operation's `in: query` parameters: required ones present, and each value
   * of the declared type (integer, number, boolean) or enum. Parameters it does not declare are left to the route.
   */
  queryValidator(operationId: string): (query: URLSearchParams) => string | undefined {
    const parameters = this.#operationParameters(operationId).filter((p) => p.in === 'query');
    return (query) => {
      for (const parameter of parameters) {
        const values = query.getAll(parameter.name);
        if (values.length === 0) {
          if (parameter.required) return `query parameter ${parameter.name} is required`;
          continue;
        }
        const schema = parameter.schema ?? { type: parameter.type, enum: parameter.enum };
        for (const value of values) {
          const problem = queryValueProblem(value, schema);
          if (problem) return `query parameter ${parameter.name}=${value} ${problem}`;
        }
      }
      return undefined;
    };
  }

  #operationParameters(operationId: string): Parameter[] {
    for (const operations of Object.values(this.#raw.paths ?? {})) {
      for (const operation of Object.values(operations)) {
        if (operation.operationId === operationId) return (operation.parameters ?? []).map((p) => this.#resolveParameter(p));
      }
    }
    throw new Error(`${this.#id} has no operation ${operationId}`);
  }

  #resolveParameter(parameter: Parameter): Parameter {
    if (!parameter.$ref) return parameter;
    const name = parameter.$ref.split('/').pop() ?? '';
    const found = this.#raw.swagger ? this.#raw.parameters?.[name] : this.#raw.components?.parameters?.[name];
    if (!found) throw new Error(`${this.#id}: unresolved parameter ${parameter.$ref}`);
    return found;
  }
}

/**
 * Drops examples, and `$id` strings that sit where JSON Schema reads a schema id: Schema Registry's document puts
 * XDM ids there (`…/profile__union` twice), which ajv would take as conflicting schema ids. A `$id` that is a
 * property's schema (an object) stays: it describes the member `$id` of a body.
 */
function withoutExamples<T>(node: T): T {
  if (Array.isArray(node)) return node.map(withoutExamples) as T;
  if (!node || typeof node !== 'object') return node;
  const kept = Object.entries(node).filter(
    ([key, value]) => key !== 'example' && key !== 'examples' && key !== 'x-example' && !(key === '$id' && typeof value === 'string'),
  );
  return Object.fromEntries(kept.map(([key, value]) => [key, withoutExamples(value)])) as T;
}

function queryValueProblem(value: string, schema: SchemaObject): string | undefined {
  const type = schema['type'] as string | undefined;
  if (type === 'integer' && !/^-?\d+$/.test(value)) return 'must be an integer';
  if (type === 'number' && (value.trim() === '' || !Number.isFinite(Number(value)))) return 'must be a number';
  if (type === 'boolean' && value !== 'true' && value !== 'false') return 'must be true or false';
  const allowed = (schema['enum'] ?? (schema['items'] as SchemaObject | undefined)?.['enum']) as unknown[] | undefined;
  if (allowed && !allowed.includes(value)) return `must be one of ${allowed.join(', ')}`;
  return undefined;
}

const loaded = new Map<string, Promise<OpenApiDocument>>();

/**
 * Reads `src/demo/adobe/<api>/<api>.openapi.yaml` once per process; each API's simulator is its only loader, so
 * its `adapt` is the same on every call.
 */
export function loadOpenApiDocument(api: string, adapt?: (schemas: Schemas) => void): Promise<OpenApiDocument> {
  let document = loaded.get(api);
  if (!document) {
    document = readFile(locateOpenApiDocument(api), 'utf8').then(
      (text) => new OpenApiDocument(`${api}.openapi.yaml`, parse(text) as RawDocument, adapt),
    );
    loaded.set(api, document);
  }
  return document;
}
