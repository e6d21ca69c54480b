import { pickFields } from '../platform/platform-error.js';
import type { StoredDataset } from './types.js';

/** A dataset as Catalog shows it (`dataSetResponse`), reduced to `properties=` when given. */
export function toDatasetView(dataset: StoredDataset, properties?: readonly string[]): Record<string, unknown> {
  const view: Record<string, unknown> = {
    name: dataset.name,
    ...(dataset.description === undefined ? {} : { description: dataset.description }),
    imsOrg: dataset.imsOrgId,
    sandboxId: dataset.sandboxName,
    tags: structuredClone(dataset.tags),
    schemaRef: { ...dataset.schemaRef },
    version: '1.0.0',
    created: dataset.created,
    updated: dataset.updated,
    createdClient: dataset.createdClient,
    createdUser: `${dataset.createdClient}@AdobeID`,
    updatedUser: `${dataset.createdClient}@AdobeID`,
    viewId: dataset.id,
    files: `@/dataSetFiles?dataSetId=${dataset.id}`,
  };
  return pickFields(view, properties);
}

/** `properties=a,b` as a list, or undefined when absent. */
export function propertiesOf(query: URLSearchParams): string[] | undefined {
  const value = query.get('properties');
  return value === null
    ? undefined
    : value
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean);
}
