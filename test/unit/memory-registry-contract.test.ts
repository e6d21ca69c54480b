import { MemoryRegistry } from '../../src/registry/memory-registry.js';
import { connectionRegistryContract } from '../support/connection-registry-contract.js';

connectionRegistryContract('MemoryRegistry', async () => new MemoryRegistry());
