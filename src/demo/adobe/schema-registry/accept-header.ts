/**
 * The `Accept` values Schema Registry documents (schema-registry.openapi.yaml, parameters `acceptListing`, `accept`,
 * `acceptDescriptors`; docs/reference/adobe-dataflow.md §1): lists take `xed-id+json` or `xed+json` without a version;
 * lookups take an `xed` variant with `version={major}`; descriptor lists take an `xdm` variant, `-v2` for paging
 * ("Descriptors require unique `Accept` headers using `xdm` instead of `xed`"), and refuse an `xed` one.
 */
export type ListFormat = 'id' | 'full';

export function listFormatOf(accept: string | undefined): ListFormat | undefined {
  const value = accept?.trim().toLowerCase();
  if (value === 'application/vnd.adobe.xed-id+json') return 'id';
  if (value === 'application/vnd.adobe.xed+json') return 'full';
  return undefined;
}

/** The major version a lookup asks for, or undefined when the Accept value is not one the registry serves. */
export function lookupVersionOf(accept: string | undefined): number | undefined {
  const match = /^application\/vnd\.adobe\.xed(?:-full|-notext|-full-notext|-full-desc)?\+json;\s*version=(\d+)$/i.exec(
    accept?.trim() ?? '',
  );
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

export interface DescriptorFormat {
  paged: boolean;
  view: 'id' | 'link' | 'full';
}

export function descriptorFormatOf(accept: string | undefined): DescriptorFormat | undefined {
  const match = /^application\/vnd\.adobe\.xdm(-v2)?(-id|-link)?\+json$/i.exec(accept?.trim() ?? '');
  if (!match) return undefined;
  const view = match[2]?.toLowerCase() === '-id' ? 'id' : match[2]?.toLowerCase() === '-link' ? 'link' : 'full';
  return { paged: match[1] !== undefined, view };
}

/**
 * A descriptor lookup: "Descriptors are not versioned, therefore no `Accept` header is required", and the document's
 * `acceptErrorDescriptorLookup` refuses an `xed` value, asking for `application/vnd.adobe.xdm+json`. [INFERRED] a
 * generic type (`application/json`, any type) is taken as no preference.
 */
export function descriptorLookupAccepted(accept: string | undefined): boolean {
  const value = accept?.trim().toLowerCase() ?? '';
  if (value === 'application/vnd.adobe.xdm+json') return true;
  return !value.includes('vnd.adobe.');
}
