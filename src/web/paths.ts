/**
 * The paths a finished flow can send the browser to, apart from the routes that serve them, so that the outcome
 * step (src/web/outcome.ts) and those routes both depend on this file and not on each other.
 */

/** A flow's own page: its progress while it runs, its result or error after. */
export const resultPath = (flowId: string) => `/result/${encodeURIComponent(flowId)}`;

/** The popup's last page, which tells the opener the outcome and closes. */
export const popupDonePath = (sessionId: string) => `/embed/v1/done/${encodeURIComponent(sessionId)}`;
