import { MemoryStore } from '../../src/store/memory-store.js';
import { keyValueStoreContract } from '../support/key-value-store-contract.js';

keyValueStoreContract('MemoryStore', async () => new MemoryStore());
