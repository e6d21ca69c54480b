import { MemoryStore } from '../../src/store/memory-store.js';

/**
 * A MemoryStore that outlives the service closing it, as Redis would: a test stops the service (or starts a
 * new one with other settings) and reads on. `dispose()` really closes it.
 */
export class DurableMemoryStore extends MemoryStore {
  override async close(): Promise<void> {}
  dispose(): Promise<void> {
    return super.close();
  }
}
