import type { Step } from './completion-deps.js';
import { checkOwnerStep } from './check-owner-step.js';
import { checkScopesStep } from './check-scopes-step.js';
import { exchangeCode } from './exchange-code.js';
import { imsToken } from './ims-token.js';
import { introspect } from './introspect.js';
import { upsertConnectionStep } from './upsert-connection-step.js';
import { verify } from './verify.js';
import { createDataflow } from '../dataflow/create-dataflow.js';
import { dataset } from '../dataflow/dataset.js';
import { exploreTable } from '../dataflow/explore-table.js';
import { mapping } from '../dataflow/mapping.js';
import { profileIdentity } from '../dataflow/profile-identity.js';
import { publishDataflow } from '../dataflow/publish-dataflow.js';
import { sourceConnection } from '../dataflow/source-connection.js';
import { targetConnection } from '../dataflow/target-connection.js';
import { targetSchema } from '../dataflow/target-schema.js';

/**
 * Completion as a table, in the manner of node-oidc-provider's lists of checks: each row is one step over the
 * flow record, done in order and recorded in `stepsDone`, so a run can resume from the first step not done.
 * The dataflow's steps follow the connection's (`part: 'dataflow'`): the connection is announced before the first
 * of them, and they run straight on (DATAFLOW=auto) or on a later click (offer) as a new run of the same table.
 */
export const STEPS: readonly Step[] = [
  exchangeCode,
  introspect,
  checkScopesStep,
  checkOwnerStep,
  imsToken,
  upsertConnectionStep,
  verify,
  exploreTable,
  targetSchema,
  profileIdentity,
  dataset,
  sourceConnection,
  targetConnection,
  mapping,
  createDataflow,
  publishDataflow,
];
