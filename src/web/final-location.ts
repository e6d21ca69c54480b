import type { FlowRecord } from '../flows/flow-record.js';
import { resultPath } from './routes/result-route.js';

/**
 * Where the browser goes once a flow is finished (connected or failed). One function, so an outcome step
 * (a partner's return URL, a popup's last page) can replace it without touching the routes.
 */
export type FinalLocation = (record: FlowRecord) => string;

export const finalLocation: FinalLocation = (record) => resultPath(record.id);
