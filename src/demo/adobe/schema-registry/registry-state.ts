import type { PlatformPeers } from '../platform/peers.js';
import { ScopedStore } from '../platform/scoped-store.js';
import type { StoredDescriptor, StoredSchema } from './types.js';

/** What the Schema Registry simulator holds. */
export class RegistryState {
  readonly schemas = new ScopedStore<StoredSchema>();
  readonly descriptors = new ScopedStore<StoredDescriptor>();
  readonly creates = { schemas: 0, descriptors: 0 };
  constructor(readonly peers: PlatformPeers) {}

  /** Whether the schema has a primary identity descriptor (Profile needs one: https://experienceleague.adobe.com/en/docs/experience-platform/xdm/faq). */
  hasPrimaryIdentity(schema: StoredSchema): boolean {
    return this.descriptors
      .all()
      .some((d) => d.sourceSchema === schema.$id && d.type === 'xdm:descriptorIdentity' && d.body['xdm:isPrimary'] === true);
  }
}
