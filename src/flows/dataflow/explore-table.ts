import { AppError } from '../../errors/app-error.js';
import type { Step } from '../complete/completion-deps.js';
import { planContactsTable } from './contacts-mapping.js';
import { CONTACTS_TABLE } from './dataflow-names.js';
import { dataflowWork } from './dataflow-step-context.js';

/**
 * Finds Hubspot.Contacts among the tables the connection's explore root lists (never a list of our own) and reads
 * its columns (https://experienceleague.adobe.com/en/docs/experience-platform/sources/api-tutorials/explore/marketing-automation).
 * Reads only: repeatable.
 */
export const exploreTable: Step = {
  name: 'explore-table',
  repeatable: true,
  part: 'dataflow',
  saveBefore: true,
  async run(ctx) {
    const work = dataflowWork(ctx);
    const { flows } = work.api;
    const columns = await work.withToken(async (token) => {
      const tables = await flows.exploreRoot(token, work.connectionId);
      if (!tables.includes(CONTACTS_TABLE)) throw new AppError('DATAFLOW_TABLE_MISSING', `explore root lists no ${CONTACTS_TABLE}`);
      return flows.exploreTable(token, work.connectionId, CONTACTS_TABLE);
    });
    const plan = planContactsTable(columns);
    work.state.table = { columns: plan.columns, deltaColumn: plan.deltaColumn, hasEmail: plan.hasEmail };
    const profileSkipped = work.state.settings.profile && !plan.hasEmail ? [{ code: 'profile-no-email' as const }] : [];
    work.state.warnings = [...plan.warnings, ...profileSkipped];
  },
};
