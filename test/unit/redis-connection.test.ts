import { describe, expect, it } from 'vitest';
import { bullConnection } from '../../src/jobs/redis-connection.js';

describe('BullMQ connection options from REDIS_URL', () => {
  it('takes host, port, credentials and database from the URL, with BullMQ’s required maxRetriesPerRequest: null', () => {
    expect(bullConnection('redis://user:p%40ss@cache.internal:6380/2')).toEqual({
      host: 'cache.internal',
      port: 6380,
      username: 'user',
      password: 'p@ss',
      db: 2,
      maxRetriesPerRequest: null,
    });
  });

  it('defaults to port 6379 and database 0, and turns on TLS for rediss://', () => {
    expect(bullConnection('rediss://cache.example.com')).toEqual({
      host: 'cache.example.com',
      port: 6379,
      db: 0,
      tls: { servername: 'cache.example.com' },
      maxRetriesPerRequest: null,
    });
  });
});
