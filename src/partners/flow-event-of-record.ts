import type { FlowEvent } from '../flows/flow-events.js';
import type { FlowRecord } from '../flows/flow-record.js';

/** The event a finished flow record stands for, or none while it is still running. Carries no credential. */
export function flowEventOfRecord(record: FlowRecord, at: number): FlowEvent | undefined {
  if (record.status !== 'connected' && record.status !== 'failed') return undefined;
  const type = record.status === 'failed' ? 'connection.failed' : record.reconnected ? 'connection.updated' : 'connection.created';
  return {
    type,
    flowId: record.id,
    at,
    target: record.target,
    ...(record.origin ? { origin: record.origin } : {}),
    ...(record.connection ? { connectionId: record.connection.id } : {}),
    ...(record.hub ? { hubId: record.hub.hubId, hubDomain: record.hub.domain } : {}),
    ...(record.error ? { errorCode: record.error.code } : {}),
  };
}
