import { z } from 'zod';
import type { UpstreamClient } from '../http/upstream-client.js';
import { parseJson } from '../http/parse-json.js';
import type { AdobeAccount } from '../config/adobe-account.js';
import { badAnswer, dataflowError } from './dataflow-errors.js';
import { PlatformApi, query } from './platform-api.js';

export interface FieldMapping {
  source: string;
  destination: string;
}

export interface MappingSetRef {
  id: string;
  version: number;
}

export interface MappingSetInput {
  /** Our marker: how a lost create is found again. */
  name: string;
  schemaId: string;
  mappings: readonly FieldMapping[];
}

/** One verdict per mapping, in the order sent. */
const validation = z
  .object({
    validationResponse: z.array(z.object({ status: z.string(), errors: z.unknown().optional() }).loose()),
  })
  .loose();
const mappingSet = z
  .object({ id: z.string().min(1), version: z.coerce.number().int().nonnegative().optional(), name: z.string().optional() })
  .loose();
const page = z.object({ data: z.union([z.array(mappingSet), mappingSet]).optional() }).loose();

/**
 * Data Prep mapping sets, in the Data Prep guide's form: `outputSchema` and `source`/`destination`
 * (https://experienceleague.adobe.com/en/docs/experience-platform/data-prep/api/mapping-set); the older
 * `xdmSchema`/`sourceAttribute` form of the Sources tutorials fails validation.
 */
export class DataPrepClient extends PlatformApi {
  constructor(http: UpstreamClient, account: AdobeAccount, sandbox: string, baseUrl: string) {
    super(http, account, sandbox, baseUrl);
  }

  /** POST /mappingSets/validate: creates nothing, so it is repeatable. Returns each mapping's status (`SUCCESS`, `FAILED`). */
  async validate(token: string, input: MappingSetInput): Promise<string[]> {
    const res = await this.send(token, {
      method: 'POST',
      path: '/mappingSets/validate',
      body: JSON.stringify(wireBody(input)),
      retries: 2,
    });
    if (res.status !== 200) throw dataflowError('data-prep', res.status, res.text, 'validate mapping');
    const body = parseJson(res.text, validation);
    if (!body) throw badAnswer('data-prep', 'validate mapping');
    return body.validationResponse.map((v) => v.status.toUpperCase());
  }

  /** The mapping set named exactly `name` (`limit` and `start` are required by the OpenAPI). Safe to retry. */
  async findByName(token: string, name: string): Promise<MappingSetRef | undefined> {
    const res = await this.send(token, {
      method: 'GET',
      path: `/mappingSets?${query([
        ['limit', '10'],
        ['start', '0'],
        ['name', name],
      ])}`,
      retries: 2,
    });
    if (res.status !== 200) throw dataflowError('data-prep', res.status, res.text, 'list mappings');
    const body = parseJson(res.text, page);
    if (!body) throw badAnswer('data-prep', 'list mappings');
    const items = Array.isArray(body.data) ? body.data : body.data ? [body.data] : [];
    const found = items.find((m) => m.name === undefined || m.name === name);
    return found ? { id: found.id, version: found.version ?? 0 } : undefined;
  }

  /** POST /mappingSets: answers 200 `{id, version}`. Only a 429 is repeated. */
  async create(token: string, input: MappingSetInput): Promise<MappingSetRef> {
    const body = await this.createObject(token, 'data-prep', {
      path: '/mappingSets',
      body: wireBody(input),
      operation: 'create mapping',
      answer: mappingSet,
    });
    return { id: body.id, version: body.version ?? 0 };
  }
}

function wireBody(input: MappingSetInput) {
  return {
    name: input.name,
    outputSchema: { schemaRef: { id: input.schemaId, contentType: 'application/vnd.adobe.xed-full+json;version=1' } },
    mappings: input.mappings.map((m) => ({ sourceType: 'ATTRIBUTE', source: m.source, destination: m.destination })),
  };
}
