import type { Scope } from './scoped-store.js';

/**
 * Look-ups across the Platform simulators, so that each can refuse an id another one does not know, as Platform
 * does: a dataset names a schema, a target connection a dataset and a schema, a flow a mapping set. Demo mode fills
 * one live object once every simulator runs; a simulator started alone gets none and checks nothing across APIs.
 */
export interface PlatformPeers {
  /** The schema's `$id`, Profile (union) state and leaf fields as dotted paths. */
  schema?(id: string, scope: Scope): { id: string; unionEnabled: boolean; fields: readonly string[] } | undefined;
  dataset?(id: string, scope: Scope): { id: string; schemaId: string } | undefined;
  /** Whether a dataset uses the schema (Schema Registry then refuses to delete it). */
  schemaInUse?(schemaId: string, scope: Scope): boolean;
  mappingSet?(id: string, scope: Scope): { id: string; version: number } | undefined;
}
