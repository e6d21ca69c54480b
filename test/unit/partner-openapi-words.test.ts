import { describe, expect, it } from 'vitest';
import { WEBHOOK_SCHEDULE_MS } from '../../src/partners/webhook-delivery.js';
import { partnerOpenApi } from '../../src/web/routes/partner-api/openapi-document.js';

type Operation = { description?: string; responses?: Record<string, { 'x-error-codes'?: string[] }> };
const doc = partnerOpenApi('http://localhost:3000') as unknown as {
  paths: Record<string, Record<string, Operation>>;
  webhooks: Record<string, { post: Operation }>;
};

/** What the partner API's document promises, against what the code does. */
describe('the OpenAPI document’s words', () => {
  it('lists 503 CONNECTION_LOCK_BUSY on a delete: a second delete of one connection waits for the first, then gives up', () => {
    expect(doc.paths['/api/v1/connections/{id}']!.delete!.responses!['503']!['x-error-codes']).toContain('CONNECTION_LOCK_BUSY');
  });

  it('says how long webhooks are retried as the delivery schedule does it (12 attempts over about 28 hours)', () => {
    const hours = Math.round(WEBHOOK_SCHEDULE_MS.reduce((sum, delay) => sum + delay, 0) / 3_600_000);
    const retried = Object.values(doc.webhooks).filter((hook) => hook.post.description?.includes('Retried'));
    expect(retried.length).toBeGreaterThanOrEqual(7);
    for (const hook of retried) expect(hook.post.description).toContain(`${WEBHOOK_SCHEDULE_MS.length} attempts over about ${hours} hours`);
    expect(JSON.stringify(doc)).not.toMatch(/two hours/);
  });
});
