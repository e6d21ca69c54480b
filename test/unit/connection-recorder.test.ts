import { afterEach, describe, expect, it } from 'vitest';
import type { FlowEvent } from '../../src/flows/flow-events.js';
import { InProcessQueue } from '../../src/jobs/in-process-queue.js';
import { registerJobs } from '../../src/jobs/job-table.js';
import { createLogger } from '../../src/logging/logger.js';
import { ConnectSessions } from '../../src/partners/connect-session.js';
import { connectionRecorder } from '../../src/partners/connection-recorder.js';
import { RegistryRetry } from '../../src/partners/registry-retry.js';
import { MemoryRegistry } from '../../src/registry/memory-registry.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { eventually } from '../support/job-queue-contract.js';
import { registryOutage } from '../support/registry-outage.js';

const T0 = Date.UTC(2026, 0, 1);
const created: FlowEvent = {
  type: 'connection.created',
  flowId: 'flow-1',
  run: 1,
  at: T0,
  target: { org: 'ORG@AdobeOrg', sandbox: 'prod' },
  connectionId: 'conn-1',
  hubId: 1001,
};

describe('connectionRecorder', () => {
  const queues: InProcessQueue[] = [];
  afterEach(async () => {
    await Promise.all(queues.splice(0).map((q) => q.close()));
  });

  function recorder() {
    const outage = registryOutage();
    const registry = new MemoryRegistry();
    const connections = outage.wrap(registry);
    const jobs = new InProcessQueue();
    queues.push(jobs);
    const retry = new RegistryRetry({ connections, jobs, logger: createLogger('silent'), schedule: { attempts: 8, backoffMs: 10 } });
    registerJobs(jobs, [retry.jobs]);
    const sink = connectionRecorder(connections, new ConnectSessions(new MemoryStore(), () => T0, 60_000), retry);
    return { outage, registry, jobs, sink };
  }

  it('When the database refuses the write, then it is queued once however often the event is told, and written once it is back', async () => {
    const { outage, registry, jobs, sink } = recorder();
    await sink.emit(created);
    await sink.emit(created);
    expect(await jobs.depth()).toBe(1);
    outage.down = false;
    await eventually(async () => (await registry.get('conn-1')) !== undefined);
    expect(outage.written).toEqual(['conn-1']);
    expect(await registry.get('conn-1')).toMatchObject({ status: 'active', updatedAt: T0 });
  });

  it("When a dataflow's ids are refused too, then they are retried until its connection's row is there", async () => {
    const { outage, registry, sink } = recorder();
    await sink.emit(created);
    await sink.emit({ ...created, type: 'dataflow.created', at: T0 + 1, dataflowIds: { flowId: 'df-1', datasetId: 'ds-1' } });
    outage.down = false;
    await eventually(async () => (await registry.get('conn-1'))?.dataflow.flowId === 'df-1');
    expect(await registry.get('conn-1')).toMatchObject({ dataflow: { flowId: 'df-1', datasetId: 'ds-1' }, updatedAt: T0 + 1 });
  });

  it("When even the queue refuses the retry, then the registry's error is thrown, as a failure of the event", async () => {
    const { jobs, sink } = recorder();
    await jobs.close();
    await expect(sink.emit(created)).rejects.toThrow('ECONNREFUSED');
  });

  it('When the database takes the write, then nothing is queued', async () => {
    const { outage, registry, jobs, sink } = recorder();
    outage.down = false;
    await sink.emit(created);
    expect(await registry.get('conn-1')).toMatchObject({ id: 'conn-1', status: 'active' });
    expect(await jobs.depth()).toBe(0);
  });

  it("When a dataflow's ids arrive after its connection was deleted, then they are dropped, not retried", async () => {
    const { outage, registry, jobs, sink } = recorder();
    outage.down = false;
    await sink.emit(created);
    await registry.update('conn-1', { status: 'deleted', at: T0 + 1 });
    await sink.emit({ ...created, type: 'dataflow.created', at: T0 + 2, dataflowIds: { flowId: 'df-1' } });
    expect(await jobs.depth()).toBe(0);
    expect(await registry.get('conn-1')).toMatchObject({ status: 'deleted', dataflow: {} });
  });
});
