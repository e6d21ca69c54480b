/**
 * Titles of the Flow Service error codes the simulator uses, copied from the catalog in
 * AdobeDocs/experience-platform.en `help/sources/errors/flow-service-errors.md@fb1a8f3a`. The detailed
 * messages are written at each call site, following the catalog's wording.
 */
export const FLOW_ERROR_TITLES = {
  '1100-400': 'Invalid request',
  '1101-404': 'Resource not found',
  '1102-500': 'Internal Error',
  '1401-400': 'Invalid request',
  '1403-400': 'Header is missing',
  '1404-412': 'Version not matching',
  '1367-400': 'Invalid request',
  '1368-400': 'Invalid request',
  '1369-400': 'Invalid request',
  '1405-400': 'Invalid request',
  '1413-400': 'Invalid request',
  '1414-400': 'Invalid request',
  '1415-400': 'Invalid request',
  '1418-400': 'Invalid request',
  '1432-400': 'Invalid request',
  '1433-400': 'Invalid request',
  '1439-404': 'Resource not found',
  '1448-400': 'Invalid request',
  '1449-400': 'Invalid request',
  '1450-400': 'Invalid request',
  '1451-400': 'Invalid request',
  '1453-400': 'Invalid request',
  '1455-400': 'Invalid request',
  '2100-404': 'Sandbox not found',
  '2105-400': 'Header is missing',
  '2119-400': 'Query parameter missing',
} as const;

/** `<number>-<http status>`, as in `FLOW-1101-404`. */
export type FlowErrorCode = keyof typeof FLOW_ERROR_TITLES;

/** A service error that a helper found; the route turns it into a response with `sendFlowError`. */
export interface FlowFailure {
  code: FlowErrorCode;
  detail: string;
}

/**
 * FLOW-1100-400 with the catalog's generic wording, "The request could not be processed. Error from
 * flow provider: …", used where Adobe documents no specific code ([UNCONFIRMED], see call sites).
 */
export function providerRejection(reason: string): FlowFailure {
  return { code: '1100-400', detail: `The request could not be processed. Error from flow provider: ${reason}` };
}
