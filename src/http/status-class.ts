/**
 * The one reading of an upstream HTTP status, applied at every hop (HubSpot, IMS, Flow Service).
 * 429 (RFC 6585 §4) and any 5xx (RFC 9110 §15.6) mean "unavailable for now, try again", whatever the body
 * says: an empty or HTML 5xx page from a proxy is an outage, not an answer we failed to understand.
 */
export type StatusClass = 'success' | 'unavailable' | 'rejected';

export function classifyStatus(status: number): StatusClass {
  if (status >= 200 && status < 300) return 'success';
  if (status === 429 || status >= 500) return 'unavailable';
  return 'rejected';
}

export const isUnavailableStatus = (status: number): boolean => classifyStatus(status) === 'unavailable';
