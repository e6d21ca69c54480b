import { toAppError, type AppError } from '../../errors/app-error.js';
import type { JobContext } from '../../jobs/job-queue.js';
import { summarizeError } from '../../logging/logger.js';
import { dataflowAfterConnection, failDataflow, finishDataflow } from '../dataflow/dataflow-outcome.js';
import { failFlow } from '../fail-flow.js';
import { flowKey, isRunning, type FlowRecord } from '../flow-record.js';
import type { CompletionDeps, StepContext } from './completion-deps.js';
import { finishConnected } from './finish-connected.js';
import { STEPS } from './index.js';
import { LEASE_MS, SupersededRun, assertOwnRun, saveRunning } from './save-running.js';

/** Flows whose steps run in this process now (for shutdown). */
export const activeFlows = new Map<string, StepContext>();

/**
 * Runs the steps of one flow from the first not done. A retryable failure throws, so the job queue tries the
 * job again with backoff (each step finds before it writes, so a repeat is safe), except the code exchange,
 * which never repeats. On the last attempt, or a failure that waiting cannot fix, the flow fails: logged once here.
 */
export async function runCompletion(deps: CompletionDeps, data: { flowId: string; run: number }, job: JobContext): Promise<void> {
  const record = await deps.store.get<FlowRecord>(flowKey(data.flowId));
  if (!record || !isRunning(record) || record.run !== data.run) return;
  const ctx: StepContext = { deps, adobe: deps.adobe.forTarget(record.target), record: { ...record } };
  activeFlows.set(record.id, ctx);
  const heartbeat = setInterval(() => void saveRunning(ctx).catch(() => undefined), LEASE_MS / 3);
  heartbeat.unref();
  try {
    for (const step of STEPS) {
      if (ctx.record.stepsDone?.includes(step.name)) continue;
      // The connection is made before any dataflow step: announced now, whatever the dataflow does next.
      if (step.part === 'dataflow' && ctx.record.status === 'running' && !(await connected(ctx))) return;
      ctx.record.currentStep = step.name;
      if (step.saveBefore) await saveRunning(ctx);
      if (step.applies?.(ctx.record) ?? true) await step.run(ctx);
      ctx.record.stepsDone = [...(ctx.record.stepsDone ?? []), step.name];
      // What a step that may not repeat produced (the sealed tokens) cannot be had again: it is saved at once.
      // The others are saved with the next such save, the heartbeat or the outcome; a resume repeats them.
      if (!step.repeatable) await saveRunning(ctx);
    }
    await assertOwnRun(ctx);
    if (ctx.record.status === 'running') await connected(ctx);
    else await finishDataflow(deps, ctx.record);
  } catch (err) {
    if (err instanceof SupersededRun) return;
    const appError = toAppError(err);
    if (shouldTryAgain(appError, ctx, job)) {
      await saveRunning(ctx).catch(() => undefined);
      throw appError;
    }
    logFailure(deps, ctx.record, appError);
    const current = await deps.store.get<FlowRecord>(flowKey(record.id));
    if (current?.run !== data.run || !isRunning(current)) return;
    // A dataflow step's failure never fails the connection: only the dataflow is marked not finished.
    if (current.status === 'connected') await failDataflow(deps, ctx.record, appError);
    else await failFlow(deps.store, ctx.record, appError, deps.events);
  } finally {
    clearInterval(heartbeat);
    if (activeFlows.get(record.id) === ctx) activeFlows.delete(record.id);
  }
}

/** Saves and announces the connection; true when the dataflow steps go on in this run (auto mode). */
async function connected(ctx: StepContext): Promise<boolean> {
  const goOn = await dataflowAfterConnection(ctx.deps.store, ctx.record);
  ctx.record = await finishConnected(ctx.deps, ctx.record);
  if (goOn) await saveRunning(ctx);
  return goOn;
}

/** Only a passing condition, in a step that may repeat, with attempts left: the rest fails the flow now. */
function shouldTryAgain(error: AppError, ctx: StepContext, job: JobContext): boolean {
  if (error.remedy !== 'wait' || job.attempt >= job.maxAttempts) return false;
  return STEPS.find((step) => step.name === ctx.record.currentStep)?.repeatable ?? false;
}

function logFailure(deps: CompletionDeps, record: FlowRecord, error: AppError): void {
  deps.logger[error.status >= 500 ? 'error' : 'warn'](
    { flowId: record.id, step: record.currentStep, errorCode: error.code, err: summarizeError(error) },
    'flow failed',
  );
}
