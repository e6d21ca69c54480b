import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A partner's web page on its own origin (127.0.0.1, while the service is on localhost): it loads
 * embed.js cross-origin and opens the popup from a click, printing each callback into #out as JSON.
 */
export async function startPartnerPage() {
  const state = { serviceUrl: '' };
  const html = (serviceUrl: string) => `<!doctype html><html><head><meta charset="utf-8"><title>Partner portal</title>
<script src="${serviceUrl}/embed.js"></script></head><body>
<button id="connect">Connect HubSpot</button><button id="mount">Show widget</button><div id="widget"></div><pre id="out"></pre><pre id="messages"></pre>
<script>
  window.addEventListener('message', (e) => {
    document.getElementById('messages').textContent += e.origin + ' ' + (e.data && e.data.type) + '\\n';
  });
  const out = (kind, value) => { document.getElementById('out').textContent = JSON.stringify({ kind, value }); };
  document.getElementById('mount').addEventListener('click', () => {
    HubSpotAEPConnect.mount({
      token: new URLSearchParams(location.search).get('token'),
      container: document.getElementById('widget'),
      onSuccess: (r) => out('success', r),
      onError: (e) => out('error', e),
    });
  });
  document.getElementById('connect').addEventListener('click', () => {
    HubSpotAEPConnect.open({
      token: new URLSearchParams(location.search).get('token'),
      onSuccess: (r) => out('success', r),
      onError: (e) => out('error', e),
      onClose: (c) => out('close', c),
    });
  });
</script></body></html>`;
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html(state.serviceUrl));
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
