import { MemoryStore } from '../../src/store/memory-store.js';

/** The real MemoryStore, recording every write so tests can scan what was stored. */
export class RecordingStore extends MemoryStore {
  readonly writes: Array<{ key: string; json: string }> = [];
  override async set<T>(key: string, value: T, ttlMs: number): Promise<void> {
    this.writes.push({ key, json: JSON.stringify(value) });
    return super.set(key, value, ttlMs);
  }
}
