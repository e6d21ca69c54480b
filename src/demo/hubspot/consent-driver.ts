import { DECISION_PATH } from './consent-page.js';

/**
 * Drives the consent screen the way a browser would, for tests without a browser: loads the
 * install URL, then presses Grant or Cancel. Redirects are not followed, so the caller sees the
 * simulator's 302 (or Cancel's page) itself.
 */
export async function decideConsent(installUrl: string, decision: 'grant' | 'cancel', account?: { hubId: number }): Promise<Response> {
  const page = await fetch(installUrl, { redirect: 'manual' });
  const body = await page.text();
  const requestId = /name="request_id" value="([^"]+)"/.exec(body)?.[1];
  if (page.status !== 200 || requestId === undefined) {
    throw new Error(`HubSpot simulator showed no consent screen (HTTP ${page.status}): ${body.slice(0, 300)}`);
  }
  return fetch(new URL(DECISION_PATH, installUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ request_id: requestId, decision, ...(account ? { hub_id: String(account.hubId) } : {}) }),
    redirect: 'manual',
  });
}
