import type { FieldMapping } from '../../adobe/data-prep-client.js';
import type { ExploredColumn } from '../../adobe/flow-service-dataflows.js';
import { AppError } from '../../errors/app-error.js';
import type { DataflowWarning } from './dataflow-state.js';

/** The contact id: the one mapping that must pass validation. */
export const ID_COLUMN = 'Vid';
const EMAIL_COLUMN = 'Properties_Email_Value';
const ADDED_AT = 'Added_At';

/**
 * HubSpot Contacts columns (the flattened legacy Contacts v1 record) onto XDM Individual Profile with the
 * Demographic Details and Personal Contact Details field groups. `Vid`, the names and `Added_At` follow Adobe's
 * HubSpot page; the rest are the nearest standard fields. Only columns explore returned are ever mapped.
 */
const CONTACT_FIELDS: ReadonlyArray<readonly [string, string]> = [
  [ID_COLUMN, '_id'],
  ['Properties_Firstname_Value', 'person.name.firstName'],
  ['Properties_Lastname_Value', 'person.name.lastName'],
  [ADDED_AT, '_repo.createDate'],
  [EMAIL_COLUMN, 'personalEmail.address'],
  ['Properties_Mobilephone_Value', 'mobilePhone.number'],
  ['Properties_Phone_Value', 'homePhone.number'],
  ['Properties_City_Value', 'homeAddress.city'],
  ['Properties_State_Value', 'homeAddress.stateProvince'],
  ['Properties_Zip_Value', 'homeAddress.postalCode'],
  ['Properties_Country_Value', 'homeAddress.country'],
];

export interface TablePlan {
  /** The mappable columns explore returned, in mapping order. */
  columns: string[];
  deltaColumn: string;
  hasEmail: boolean;
  warnings: DataflowWarning[];
}

/**
 * What the explored columns allow. The delta column is a date-time column named like "last modified", else
 * `Added_At` with a warning (updates to existing contacts are then probably missed); v1's `lastmodifieddate` is an
 * epoch string, not a date-time, so it never qualifies.
 */
export function planContactsTable(explored: readonly ExploredColumn[]): TablePlan {
  const names = new Set(explored.map((c) => c.name));
  if (!names.has(ID_COLUMN)) throw new AppError('DATAFLOW_MAPPING_INVALID', 'explore returned no Vid column to map onto _id');
  const isDateTime = (c: ExploredColumn) => (c.xdmType ?? c.type ?? '').toLowerCase().replace(/[^a-z]/g, '') === 'datetime';
  const modified = explored.find((c) => /lastmodified/i.test(c.name) && isDateTime(c));
  const warnings: DataflowWarning[] = [];
  let deltaColumn = modified?.name;
  if (!deltaColumn && names.has(ADDED_AT)) {
    deltaColumn = ADDED_AT;
    warnings.push({ code: 'delta-added-at' });
  }
  if (!deltaColumn) throw new AppError('DATAFLOW_NO_DELTA_COLUMN', 'explore returned no date-time column to use as the delta column');
  return {
    columns: CONTACT_FIELDS.map(([column]) => column).filter((column) => names.has(column)),
    deltaColumn,
    hasEmail: names.has(EMAIL_COLUMN),
    warnings,
  };
}

/** The mappings for the planned columns; without Profile's email identity, no field is special but `_id`. */
export function contactMappings(columns: readonly string[]): FieldMapping[] {
  const destination = new Map(CONTACT_FIELDS);
  return columns.flatMap((source) => {
    const target = destination.get(source);
    return target ? [{ source, destination: target }] : [];
  });
}
