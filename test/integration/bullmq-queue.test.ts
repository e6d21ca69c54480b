import { afterAll, beforeAll } from 'vitest';
import { BullMqQueue } from '../../src/jobs/bullmq-queue.js';
import { bullConnection } from '../../src/jobs/redis-connection.js';
import type { RedisClient } from '../../src/store/redis-store.js';
import { jobQueueContract } from '../support/job-queue-contract.js';
import { connectedClient, deleteKeys, randomPrefix, REDIS_URL } from '../support/redis.js';

const prefix = randomPrefix('bullmq');
let client: RedisClient;
beforeAll(async () => {
  client = await connectedClient();
});
afterAll(async () => {
  await deleteKeys(client, prefix);
  await client.close();
});

let n = 0;
const bullQueue = (queuePrefix: string) =>
  new BullMqQueue({ connection: bullConnection(REDIS_URL), prefix: queuePrefix, queueName: 'jobs' });
jobQueueContract(
  'BullMqQueue',
  async () => bullQueue(`${prefix}q${++n}`),
  async () => {
    const shared = `${prefix}q${++n}`;
    return [bullQueue(shared), bullQueue(shared)];
  },
);
