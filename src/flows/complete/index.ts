import type { Step } from './completion-deps.js';
import { checkScopesStep } from './check-scopes-step.js';
import { exchangeCode } from './exchange-code.js';
import { imsToken } from './ims-token.js';
import { introspect } from './introspect.js';
import { upsertConnectionStep } from './upsert-connection-step.js';
import { verify } from './verify.js';

/**
 * Completion as a table, in the manner of node-oidc-provider's lists of checks: each row is one step over the
 * flow record, done in order and recorded in `stepsDone`, so a run can resume from the first step not done.
 * A later step (e.g. creating a dataflow) slots in as a row.
 */
export const STEPS: readonly Step[] = [exchangeCode, introspect, checkScopesStep, imsToken, upsertConnectionStep, verify];
