import { rawQueryOf } from '../raw-query.js';
import { callerOf } from '../platform/gateway.js';
import { sendFlowError } from './flow-error.js';
import type { FlowRuns } from './flow-runs.js';
import type { ResourceHandler } from './resource-routes.js';
import { touch } from './resource-meta.js';
import type { StoredFlow } from './types.js';

const OPS = ['enable', 'disable', 'publish'];
const SUB_OPS = ['APPLY', 'ROLLBACK', 'PROGRESS'];

/**
 * `POST /flows/{id}/action?op=…`. The docs send `op=publish` in lower case and no `subOp` (EN `tutorials/api/draft.md`);
 * the OpenAPI an upper-case enum and a required `subOp`. Both spellings are what callers send, so both are accepted
 * (docs/reference/adobe-dataflow.md, conflicts table); a `subOp`, when present, must be in the OpenAPI's enum.
 * `publish` turns a draft into an enabled flow and schedules its first run; `enable` and `disable` switch a published one.
 */
export function flowActionRoute(runs: FlowRuns): ResourceHandler<StoredFlow> {
  return (req, res, flow) => {
    const query = rawQueryOf(req);
    const op = query.get('op');
    if (op === null) {
      return sendFlowError(
        req,
        res,
        '2119-400',
        'The request context does not contain the required query parameter op. Please provide the missing query parameter and try again.',
      );
    }
    const action = op.toLowerCase();
    const subOps = query.getAll('subOp');
    if (!OPS.includes(action) || subOps.some((s) => !SUB_OPS.includes(s.toUpperCase()))) {
      return sendFlowError(
        req,
        res,
        '1451-400',
        `Invalid params op=${op}${subOps.length ? `&subOp=${subOps.join(',')}` : ''} provided in query params.`,
      );
    }
    if ((action === 'publish') !== (flow.state === 'draft')) {
      return sendFlowError(
        req,
        res,
        '1100-400',
        `The request could not be processed. Error from flow provider: the flow ${flow.id} is in state ${flow.state}; op ${op} does not apply.`,
      );
    }
    const wasEnabled = flow.state === 'enabled';
    flow.state = action === 'disable' ? 'disabled' : 'enabled';
    touch(flow, callerOf(res));
    if (action === 'publish' || (!wasEnabled && flow.state === 'enabled' && !runs.lastRunOf(flow))) runs.scheduleFirstRun(flow);
    res.json({ id: flow.id, etag: flow.etag });
  };
}
