/**
 * The standard XDM resources a HubSpot contacts schema is built from (docs/reference/adobe-dataflow.md §1, "XDM
 * choice"): the XDM Individual Profile class and two of its field groups, with the leaf fields each adds, as
 * dotted paths (from the XDM repository's `components/fieldgroups/profile/*.schema.json`; the lists are the
 * fields a contacts mapping can use, not every field). Besides, the XDM ExperienceEvent class, so that a dataset of
 * another class than Profile can exist. A schema may only use these: the simulator knows no others.
 */
export interface XdmResource {
  kind: 'class' | 'fieldgroup';
  title: string;
  /** For a field group, the class it may extend. */
  intendedToExtend?: string;
  fields: readonly string[];
}

export const PROFILE_CLASS = 'https://ns.adobe.com/xdm/context/profile';
/** https://github.com/adobe/xdm/blob/master/components/classes/experienceevent.schema.json (its required fields only). */
export const EXPERIENCE_EVENT_CLASS = 'https://ns.adobe.com/xdm/context/experienceevent';

export const XDM_RESOURCES: Readonly<Record<string, XdmResource>> = {
  [PROFILE_CLASS]: {
    kind: 'class',
    title: 'XDM Individual Profile',
    fields: ['_id', '_repo.createDate', '_repo.modifyDate', 'identityMap'],
  },
  [EXPERIENCE_EVENT_CLASS]: { kind: 'class', title: 'XDM ExperienceEvent', fields: ['_id', 'timestamp'] },
  'https://ns.adobe.com/xdm/context/profile-person-details': {
    kind: 'fieldgroup',
    title: 'Demographic Details',
    intendedToExtend: PROFILE_CLASS,
    fields: ['person.name.firstName', 'person.name.lastName', 'person.name.fullName', 'person.birthDate', 'person.gender'],
  },
  'https://ns.adobe.com/xdm/context/profile-personal-details': {
    kind: 'fieldgroup',
    title: 'Personal Contact Details',
    intendedToExtend: PROFILE_CLASS,
    fields: [
      'personalEmail.address',
      'mobilePhone.number',
      'homePhone.number',
      'homeAddress.street1',
      'homeAddress.city',
      'homeAddress.stateProvince',
      'homeAddress.postalCode',
      'homeAddress.country',
    ],
  },
};

/** Identity namespaces every org has (https://experienceleague.adobe.com/en/docs/experience-platform/identity/features/namespaces). */
export const STANDARD_NAMESPACES = ['Email', 'Phone', 'ECID', 'CRMID', 'AAID', 'GAID', 'IDFA', 'Email_LC_SHA256'];

/**
 * The class and field groups of an `allOf`, or why they cannot form a schema: exactly one known class, and field
 * groups meant for that class.
 */
export function composeSchema(refs: readonly string[]): { classId: string; fields: string[] } | { problem: string } {
  const unknown = refs.filter((ref) => !Object.hasOwn(XDM_RESOURCES, ref));
  if (unknown.length > 0) return { problem: `Unknown XDM resource(s) in allOf: ${unknown.join(', ')}.` };
  const classes = refs.filter((ref) => XDM_RESOURCES[ref]?.kind === 'class');
  const [classId] = classes;
  if (classes.length !== 1 || classId === undefined) return { problem: 'A schema must reference exactly one class in allOf.' };
  const misfit = refs.find((ref) => XDM_RESOURCES[ref]?.kind === 'fieldgroup' && XDM_RESOURCES[ref]?.intendedToExtend !== classId);
  if (misfit) return { problem: `The field group ${misfit} cannot extend the class ${classId}.` };
  return { classId, fields: [...new Set(refs.flatMap((ref) => XDM_RESOURCES[ref]?.fields ?? []))] };
}
