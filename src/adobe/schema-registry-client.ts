import { z } from 'zod';
import type { UpstreamClient } from '../http/upstream-client.js';
import { parseJson } from '../http/parse-json.js';
import type { AdobeAccount } from '../config/adobe-account.js';
import { badAnswer, dataflowError } from './dataflow-errors.js';
import { PlatformApi, query } from './platform-api.js';

/** XDM Individual Profile and the two standard field groups the HubSpot contact columns map onto (no tenant id needed). */
export const PROFILE_CLASS = 'https://ns.adobe.com/xdm/context/profile';
const FIELD_GROUPS = [
  'https://ns.adobe.com/xdm/context/profile-person-details',
  'https://ns.adobe.com/xdm/context/profile-personal-details',
];
/** Lists answer ids only; one schema's lookup answers the resolved document (Schema Registry API, Accept header). */
const LIST_ACCEPT = 'application/vnd.adobe.xed-id+json';
const LOOKUP_ACCEPT = 'application/vnd.adobe.xed+json; version=1';
/**
 * Descriptors take `xdm` where schemas take `xed`, and refuse an `xed` Accept with a 400 (schema-registry.openapi.yaml,
 * parameter `acceptDescriptors`; https://experienceleague.adobe.com/en/docs/experience-platform/xdm/api/descriptors).
 * `xdm-id` answers the ids grouped by `@type`.
 */
const DESCRIPTOR_LIST_ACCEPT = 'application/vnd.adobe.xdm-id+json';

export interface SchemaRef {
  /** The schema's `$id` (a URL); what datasets, target connections and mappings refer to. */
  id: string;
  /** `meta:altId`, the form the PATCH path takes. */
  altId: string;
}

export interface SchemaFacts extends SchemaRef {
  metaClass?: string;
  tags: readonly string[];
}

const schemaItem = z.object({ $id: z.string().min(1), 'meta:altId': z.string().min(1), title: z.string().optional() }).loose();
const schemaList = z.object({ results: z.array(schemaItem) }).loose();
const schemaDoc = schemaItem.extend({ 'meta:class': z.string().optional(), 'meta:immutableTags': z.array(z.string()).optional() });
const descriptorCreated = z.object({ '@id': z.string().min(1) }).loose();
/** A list answers ids grouped by descriptor type, or objects; both are accepted. */
const descriptorList = z.record(z.string(), z.unknown());

/** Schema Registry (https://experienceleague.adobe.com/en/docs/experience-platform/xdm/api/schemas), tenant container only. */
export class SchemaRegistryClient extends PlatformApi {
  constructor(http: UpstreamClient, account: AdobeAccount, sandbox: string, baseUrl: string) {
    super(http, account, sandbox, baseUrl);
  }

  /** The tenant schema with exactly this title (`property=title==…`, Schema Registry appendix on filtering). Safe to retry. */
  async findSchemaByTitle(token: string, title: string): Promise<SchemaRef | undefined> {
    const res = await this.send(token, {
      method: 'GET',
      path: `/tenant/schemas?${query([['property', `title==${title}`]])}`,
      headers: { accept: LIST_ACCEPT },
      retries: 2,
    });
    if (res.status !== 200) throw dataflowError('schema-registry', res.status, res.text, 'list schemas');
    const list = parseJson(res.text, schemaList);
    if (!list) throw badAnswer('schema-registry', 'list schemas');
    const found = list.results.find((s) => s.title === undefined || s.title === title);
    return found ? { id: found.$id, altId: found['meta:altId'] } : undefined;
  }

  /** POST /tenant/schemas: an Individual Profile schema with the person and personal-contact field groups. Only a 429 is repeated. */
  async createProfileSchema(token: string, input: { title: string; description: string }): Promise<SchemaRef> {
    const body = {
      type: 'object',
      title: input.title,
      // Required by the OpenAPI document; it carries our marker.
      description: input.description,
      allOf: [PROFILE_CLASS, ...FIELD_GROUPS].map(($ref) => ({ $ref })),
    };
    const created = await this.createObject(token, 'schema-registry', {
      path: '/tenant/schemas',
      body,
      operation: 'create schema',
      answer: schemaItem,
    });
    return { id: created.$id, altId: created['meta:altId'] };
  }

  /** One schema by `$id` or `meta:altId`: its class and tags. Safe to retry. */
  async getSchema(token: string, idOrAltId: string): Promise<SchemaFacts> {
    const res = await this.send(token, {
      method: 'GET',
      path: `/tenant/schemas/${encodeURIComponent(idOrAltId)}`,
      headers: { accept: LOOKUP_ACCEPT },
      retries: 2,
    });
    if (res.status !== 200) throw dataflowError('schema-registry', res.status, res.text, 'look up schema');
    const doc = parseJson(res.text, schemaDoc);
    if (!doc) throw badAnswer('schema-registry', 'look up schema');
    return {
      id: doc.$id,
      altId: doc['meta:altId'],
      ...(doc['meta:class'] ? { metaClass: doc['meta:class'] } : {}),
      tags: doc['meta:immutableTags'] ?? [],
    };
  }

  /** The identity descriptor already on this schema, if any (`property=xdm:sourceSchema==…`). Safe to retry. */
  async findIdentityDescriptor(token: string, schemaId: string): Promise<string | undefined> {
    const res = await this.send(token, {
      method: 'GET',
      path: `/tenant/descriptors?${query([['property', `xdm:sourceSchema==${schemaId}`]])}`,
      headers: { accept: DESCRIPTOR_LIST_ACCEPT },
      retries: 2,
    });
    if (res.status !== 200) throw dataflowError('schema-registry', res.status, res.text, 'list descriptors');
    const list = parseJson(res.text, descriptorList);
    if (!list) throw badAnswer('schema-registry', 'list descriptors');
    const identities = list['xdm:descriptorIdentity'] ?? list['results'];
    const first: unknown = Array.isArray(identities) ? identities[0] : undefined;
    if (typeof first === 'string') return first;
    return typeof first === 'object' && first && typeof (first as { '@id'?: unknown })['@id'] === 'string'
      ? (first as { '@id': string })['@id']
      : undefined;
  }

  /** The primary Email identity on `personalEmail.address` (XDM FAQ: Profile needs a primary identity). Only a 429 is repeated. */
  async createEmailIdentity(token: string, schemaId: string): Promise<string> {
    const body = {
      '@type': 'xdm:descriptorIdentity',
      'xdm:sourceSchema': schemaId,
      // The docs send the number 1 where the OpenAPI says string; we follow the docs.
      'xdm:sourceVersion': 1,
      'xdm:sourceProperty': '/personalEmail/address',
      'xdm:namespace': 'Email',
      'xdm:property': 'xdm:code',
      'xdm:isPrimary': true,
    };
    const answer = descriptorCreated;
    return (
      await this.createObject(token, 'schema-registry', { path: '/tenant/descriptors', body, operation: 'create descriptor', answer })
    )['@id'];
  }

  /** Adds the `union` tag (enables the schema for Profile). Setting the same tags again changes nothing, so it is repeatable. */
  async enableForProfile(token: string, altId: string): Promise<void> {
    // RFC 6902 form, an array value, as Adobe's schema guide shows (the OpenAPI types it as a string).
    const patch = [{ op: 'add', path: '/meta:immutableTags', value: ['union'] }];
    const res = await this.send(token, {
      method: 'PATCH',
      path: `/tenant/schemas/${encodeURIComponent(altId)}`,
      body: JSON.stringify(patch),
      retries: 2,
    });
    if (res.status !== 200) throw dataflowError('schema-registry', res.status, res.text, 'enable schema for Profile');
  }
}
