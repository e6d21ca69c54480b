import type { Request, Response } from 'express';
import { rawQueryOf } from '../raw-query.js';
import type { ConnectionHandler } from './connection-routes.js';
import { providerRejection } from './error-catalog.js';
import { sendFlowError, sendFlowFailure } from './flow-error.js';
import { HUBSPOT_PREVIEW_ROWS, type ExploreColumn } from './hubspot-tables.js';

/** The spec's `objectType` enum (docs/reference/adobe-flow-service.md §2.6); HubSpot is tabular, so only ROOT and TABLE apply. */
const OBJECT_TYPES = ['root', 'table', 'file', 'folder', 'rest'];

function missingQueryParameter(req: Request, res: Response, name: string): void {
  sendFlowError(
    req,
    res,
    '2119-400',
    `The request context does not contain the required query parameter ${name}. Please provide the missing query parameter and try again.`,
  );
}

/**
 * `GET /connections/{id}/explore` (docs/reference/adobe-flow-service.md §2.6). `objectType=root` lists the tables as a bare array;
 * `objectType=table&object=Hubspot.Contacts` returns that table's flat schema. The docs write the
 * enum in lower case and the spec in upper case, so it is matched case-insensitively. `preview=true` adds rows.
 */
export const exploreConnection =
  (tables: Readonly<Record<string, readonly ExploreColumn[]>>): ConnectionHandler =>
  (req, res) => {
    const query = rawQueryOf(req);
    const objectType = query.get('objectType');
    if (!objectType) return missingQueryParameter(req, res, 'objectType');
    const kind = objectType.toLowerCase();
    if (!OBJECT_TYPES.includes(kind)) {
      return sendFlowError(req, res, '1451-400', `Invalid params objectType=${objectType} provided in query params.`);
    }
    if (kind === 'root') {
      return void res.json(
        Object.keys(tables).map((name) => ({ type: 'table', name, path: name, canPreview: true, canFetchSchema: true })),
      );
    }
    if (kind !== 'table') {
      // [INFERRED] a tabular source has no files, folders or REST objects to explore.
      return sendFlowFailure(req, res, providerRejection(`objectType ${objectType} is not supported by connection spec hubspot.`));
    }
    const object = query.get('object');
    if (!object) return missingQueryParameter(req, res, 'object');
    const columns = Object.hasOwn(tables, object) ? tables[object] : undefined;
    if (!columns) {
      return sendFlowError(
        req,
        res,
        '1101-404',
        `The requested resource ${object} is not found. Error from flow provider: Resource with given id does not exist.`,
      );
    }
    const preview = query.get('preview');
    if (preview !== null && preview !== 'true' && preview !== 'false') {
      return sendFlowError(req, res, '1451-400', `Invalid params preview=${preview} provided in query params.`);
    }
    // `preview=true` adds sample rows as `data` (EN `tutorials/api/filter.md`).
    res.json({ format: 'flat', schema: { columns }, ...(preview === 'true' ? { data: HUBSPOT_PREVIEW_ROWS[object] ?? [] } : {}) });
  };
