import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A partner's web page on its own origin (127.0.0.1, while the service is on localhost): it loads
 * embed.js cross-origin and opens the popup from a click, printing each callback into #out as JSON
 * (and every callback, in order, into #log). `?opts=` (JSON) adds options such as `appearance` or
 * `locale`; with `newToken` given, the widget's fetchToken gets a fresh session from `/token`.
 */
export async function startPartnerPage(
  options: {
    newToken?: () => Promise<string>;
    script?: (serviceUrl: string) => string;
    /** More pages of this partner, by path: HTML for the service's URL. */
    pages?: Record<string, (serviceUrl: string) => string>;
  } = {},
) {
  const state = { serviceUrl: '' };
  const script = options.script ?? ((serviceUrl: string) => `${serviceUrl}/embed.js`);
  const html = (serviceUrl: string) => `<!doctype html><html><head><meta charset="utf-8"><title>Partner portal</title>
<script src="${script(serviceUrl)}"></script></head><body>
<button id="connect">Connect HubSpot</button><button id="mount">Show widget</button><div id="widget"></div><pre id="out"></pre><pre id="messages"></pre><pre id="log"></pre>
<script>
  window.addEventListener('message', (e) => {
    if (e.data && e.data.type === 'hubspot-aep-connect:resize') return;
    document.getElementById('messages').textContent += e.origin + ' ' + (e.data && e.data.type) + '\\n';
  });
  const params = new URLSearchParams(location.search);
  const extra = JSON.parse(params.get('opts') || '{}');
  const out = (kind, value) => {
    document.getElementById('out').textContent = JSON.stringify({ kind, value });
    document.getElementById('log').textContent += JSON.stringify({ kind, value }) + '\\n';
  };
  const callbacks = { onSuccess: (r) => out('success', r), onError: (e) => out('error', e), onClose: (c) => out('close', c) };
  document.getElementById('mount').addEventListener('click', () => {
    HubSpotAEPConnect.mount({
      ...extra,
      ...callbacks,
      token: params.get('token'),
      container: document.getElementById('widget'),
      fetchToken: () => fetch('/token', { method: 'POST' }).then((r) => r.text()),
    });
  });
  document.getElementById('connect').addEventListener('click', () => {
    HubSpotAEPConnect.open({ ...extra, ...callbacks, token: params.get('token') });
  });
</script></body></html>`;
  const server = createServer((req, res) => {
    if (req.url === '/token' && req.method === 'POST' && options.newToken) {
      options.newToken().then(
        (token) => res.writeHead(200, { 'content-type': 'text/plain' }).end(token),
        () => res.writeHead(500).end(),
      );
      return;
    }
    const page = options.pages?.[new URL(req.url ?? '/', 'http://x').pathname] ?? html;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(state.serviceUrl));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    /** Set once the service is up: the registry needs this page's origin before the service starts. */
    useService(url: string) {
      state.serviceUrl = url;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
