import express, { type Router } from 'express';

interface ConnectionView {
  id: string;
  hub_id: string;
  status: string;
  last_checked_at: string | null;
  last_error: string | null;
}

interface ReceivedEvent {
  type: string;
  data: { connection_id?: string; reason?: string; reconnect?: { url: string } };
}

export interface HealthPanelDeps {
  /** Calls the partner API with the demo partner's key. */
  api(path: string, init?: RequestInit): Promise<Response>;
  /** The demo's "Revoke in HubSpot": uninstalls the app from the simulated portal. */
  revokeGrant?: () => void;
  webhookSecret: string;
}

const esc = (v: string) => v.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The demo portal's view of connection health, as a partner would build it: its connections from the connections API
 * (status, last check, last error), "Check now", the health webhooks it received (signature checked) with their
 * reconnect links, and, because this is a demo, a "Revoke in HubSpot" button that uninstalls the app from the
 * simulated portal, so a person can watch revoke → unhealthy → reconnect → recovered.
 */
export function healthPanel(deps: HealthPanelDeps): { router: Router; render(): Promise<string>; receive(event: unknown): void } {
  const events: ReceivedEvent[] = [];
  const notices: string[] = [];
  const router = express.Router();

  router.post('/connections/:id/check', async (req, res) => {
    const answer = await deps.api(`/api/v1/connections/${encodeURIComponent(req.params.id)}/check`, { method: 'POST' });
    if (answer.status === 429) notices.unshift(`Checked less than a minute ago: try again in ${answer.headers.get('retry-after')} s.`);
    res.redirect(303, '/#health');
  });
  router.post('/hubspot/revoke', (_req, res) => {
    deps.revokeGrant?.();
    notices.unshift('The app was uninstalled from the HubSpot portal. Check now, or wait for the watch.');
    res.redirect(303, '/#health');
  });

  const render = async (): Promise<string> => {
    const listed = await deps.api('/api/v1/connections?limit=20');
    const connections = listed.ok ? ((await listed.json()) as { data: ConnectionView[] }).data : [];
    const rows = connections
      .map(
        (c) => `<tr data-connection="${esc(c.id)}"><td><code>${esc(c.id)}</code></td><td>${esc(c.hub_id)}</td>
<td data-testid="status">${esc(c.status)}</td><td>${esc(c.last_checked_at ?? '—')}</td><td>${esc(c.last_error ?? '—')}</td>
<td><form method="post" action="/connections/${esc(c.id)}/check"><button>Check now</button></form></td></tr>`,
      )
      .join('');
    const received = events
      .map((e) => {
        const link = e.data.reconnect ? ` <a data-testid="reconnect" href="${esc(e.data.reconnect.url)}">Reconnect HubSpot</a>` : '';
        return `<li data-testid="event">${esc(e.type)} ${esc(e.data.reason ?? '')}${link}</li>`;
      })
      .join('');
    return `<section id="health"><h2>Your connections</h2>
${notices.length > 0 ? `<p role="status">${esc(notices.shift() ?? '')}</p>` : ''}
<table><thead><tr><th>Connection</th><th>Hub</th><th>Status</th><th>Last checked</th><th>Last error</th><th></th></tr></thead>
<tbody>${rows || '<tr><td colspan="6">None yet: connect HubSpot above.</td></tr>'}</tbody></table>
${deps.revokeGrant ? '<form method="post" action="/hubspot/revoke"><button id="revoke">Revoke in HubSpot</button> (demo only: uninstalls the app from the simulated portal)</form>' : ''}
<h3>Webhooks received</h3><ul id="events">${received || '<li>None yet.</li>'}</ul></section>`;
  };
  /** A webhook whose signature the portal's inbox (webhook-inbox.ts) has checked. */
  const receive = (event: unknown) => {
    events.unshift(event as ReceivedEvent);
    events.length = Math.min(events.length, 20);
  };
  return { router, render, receive };
}
