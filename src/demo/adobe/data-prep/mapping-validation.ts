import type { PlatformPeers } from '../platform/peers.js';

export interface MappingSetBody {
  name?: string;
  outputSchema?: { schemaRef?: { id?: string; contentType?: string } };
  mappings?: { sourceType?: string; source?: string; destination?: string; name?: string }[];
}

export interface MappingResult {
  status: 'SUCCESS' | 'FAILED';
  errors: { source?: string; destination?: string; sourceType?: string; exception: string }[];
}

const CONTENT_TYPE = /^application\/vnd\.adobe\.xed(-full)?\+json;\s?version=1(\.0)?$/;

/**
 * The mapping set's own problem, if any: the Data Prep guide's form (https://experienceleague.adobe.com/en/docs/experience-platform/data-prep/api/mapping-set)
 * needs `outputSchema.schemaRef` with an XDM content type, and mappings with `sourceType`, `source` and
 * `destination`. The older sources-tutorial form (`xdmSchema`, `sourceAttribute`) has none of these and fails here.
 */
export function mappingSetProblem(
  body: MappingSetBody,
  peers: PlatformPeers,
  scope: { orgId: string; sandboxName: string },
): string | undefined {
  const ref = body.outputSchema?.schemaRef;
  if (!ref?.id || !ref.contentType) return 'outputSchema.schemaRef needs an id and a contentType.';
  if (!CONTENT_TYPE.test(ref.contentType))
    return `outputSchema.schemaRef.contentType '${ref.contentType}' is not an XDM content type of version 1.`;
  if (peers.schema && !peers.schema(ref.id, scope)) return `The output schema ${ref.id} does not exist.`;
  if (!body.mappings?.length) return 'A mapping set needs at least one mapping.';
  const incomplete = body.mappings.findIndex((m) => !m.sourceType || !m.source || !m.destination);
  if (incomplete !== -1) return `mappings[${incomplete}] needs sourceType, source and destination.`;
  return undefined;
}

/**
 * One result per mapping, in order, as `validationResponse` lists them: an ATTRIBUTE source must be a column name,
 * and the destination a field of the output schema (when Schema Registry is known) and not one a test rejects.
 */
export function validateMappings(
  body: MappingSetBody,
  fields: readonly string[] | undefined,
  rejected: ReadonlySet<string>,
): MappingResult[] {
  return (body.mappings ?? []).map(({ source = '', destination = '', sourceType = '' }) => {
    const fail = (exception: string): MappingResult => ({ status: 'FAILED', errors: [{ source, destination, sourceType, exception }] });
    if (sourceType === 'ATTRIBUTE' && !/^[A-Za-z_][\w.]*$/.test(source))
      return fail(`The source attribute '${source}' is not a valid column name.`);
    if (rejected.has(destination) || (fields && !fields.includes(destination))) {
      return fail(`The destination path '${destination}' does not exist in the output schema.`);
    }
    return { status: 'SUCCESS', errors: [] };
  });
}
