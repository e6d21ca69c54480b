import type { Request, Response } from 'express';
import type { BodyValidator } from '../platform/openapi-document.js';
import { sendRegistryError } from './registry-error.js';
import type { RegistryState } from './registry-state.js';
import { registryBodyOf } from './schema-routes.js';
import { toSchemaView } from './schema-view.js';
import type { StoredSchema } from './types.js';
import { composeSchema } from './xdm-resources.js';

interface PatchOperation {
  op: string;
  path: string;
  value?: unknown;
}

const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

/** Applies one operation to a copy of the schema, or says why it cannot. The allow-list: tags, title, description, field groups. */
function applyOperation(schema: StoredSchema, operation: PatchOperation, state: RegistryState): string | undefined {
  const { op, path, value } = operation;
  if (op !== 'add' && op !== 'replace' && op !== 'remove') return `The operation '${op}' is not supported.`;
  if (path === '/meta:immutableTags') {
    const tags = op === 'remove' ? [] : value;
    // RFC 6902 and Adobe's schemas guide send an array; the OpenAPI's `value: string` would refuse it.
    if (!isStrings(tags) || tags.some((t) => t !== 'union')) return "meta:immutableTags takes an array whose only tag is 'union'.";
    if (tags.includes('union') && !state.hasPrimaryIdentity(schema)) {
      return 'A schema enabled for Profile (union) needs a primary identity descriptor first.';
    }
    schema.immutableTags = [...new Set(tags)];
    return undefined;
  }
  if ((path === '/title' || path === '/description') && op !== 'remove') {
    if (typeof value !== 'string' || value.trim() === '') return `${path.slice(1)} takes a non-empty string.`;
    schema[path === '/title' ? 'title' : 'description'] = value;
    return undefined;
  }
  if (path === '/allOf/-' && op === 'add') {
    const ref = (value as { $ref?: unknown } | undefined)?.$ref;
    if (typeof ref !== 'string') return 'allOf entries take an object with a $ref.';
    const composed = composeSchema([...schema.allOf.map((a) => a.$ref), ref]);
    if ('problem' in composed) return composed.problem;
    schema.allOf.push({ $ref: ref });
    schema.fields = composed.fields;
    return undefined;
  }
  return `The path '${path}' cannot be patched with '${op}'.`;
}

/**
 * `PATCH /tenant/schemas/{id}`: a JSON Patch (RFC 6902) applied all-or-nothing; 200 with the schema, its minor
 * version bumped. Used by the dataflow to add the `union` tag (https://experienceleague.adobe.com/en/docs/experience-platform/xdm/api/schemas).
 */
export function patchSchema(state: RegistryState, validate: BodyValidator) {
  return (req: Request, res: Response, schema: StoredSchema): void => {
    const operations = registryBodyOf<PatchOperation[]>(req, res, validate);
    if (!operations) return;
    const draft: StoredSchema = structuredClone(schema);
    for (const operation of operations) {
      const problem = applyOperation(draft, operation, state);
      if (problem) return sendRegistryError(req, res, 400, problem);
    }
    const [major = '1', minor = '0'] = schema.version.split('.');
    Object.assign(schema, draft, { version: `${major}.${Number(minor) + 1}`, updatedAt: Date.now() });
    res.json(toSchemaView(schema));
  };
}
