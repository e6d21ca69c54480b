import type { ReceivedWebhook } from './webhook-inbox.js';

/** HTML of the demo partner portal: the three ways a partner offers "Connect HubSpot", its connections' health and the webhooks received. */
export function demoPage(
  serviceUrl: string,
  sessions: { redirectUrl: string; popupToken: string; iframeToken: string },
  webhooks: readonly ReceivedWebhook[],
  healthSection = '',
): string {
  const esc = (v: string) => v.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Demo partner portal</title>
<script src="${esc(serviceUrl)}/embed.js"></script>
<style>body{font:16px system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem}section{margin:2rem 0}table{border-collapse:collapse}td,th{padding:.25rem .5rem;text-align:left}pre{background:#f4f4f4;padding:.5rem}</style>
</head><body>
<h1>Demo partner portal</h1>
<p>A pretend partner on its own origin, registered in demo mode. Each way below uses its own fresh connect session.</p>
<section><h2>1. Redirect</h2><p><a id="redirect" href="${esc(sessions.redirectUrl)}">Connect HubSpot (redirect)</a></p></section>
<section><h2>2. Popup</h2><p><button id="popup" data-token="${esc(sessions.popupToken)}">Connect HubSpot (popup)</button></p></section>
<section><h2>3. Iframe widget</h2><p><button id="iframe" data-token="${esc(sessions.iframeToken)}">Show the widget</button></p><div id="widget"></div></section>
<h2>Outcome</h2><pre id="out">(nothing yet)</pre>
${healthSection}
<section id="webhooks"><h2>Webhooks received</h2><p>Each with its <code>HubSpot-AEP-Signature</code> checked against this partner’s webhook secret. <a href="/#webhooks">Reload</a> to see new ones.</p>
${webhooks.length === 0 ? '<p>(none yet)</p>' : ''}<ol id="webhook-list">${webhooks
    .map(
      (w) =>
        `<li data-signature="${w.signatureValid ? 'valid' : 'invalid'}"><strong>${w.signatureValid ? 'signature valid' : 'SIGNATURE INVALID'}</strong> · ${esc(w.receivedAt)}<pre>${esc(JSON.stringify(w.body, null, 2))}</pre></li>`,
    )
    .join('')}</ol></section>
<script>
  const show = (kind, value) => { document.getElementById('out').textContent = kind + ' ' + JSON.stringify(value, null, 2); };
  document.getElementById('popup').addEventListener('click', (e) => {
    HubSpotAEPConnect.open({ token: e.target.dataset.token, onSuccess: (r) => show('onSuccess', r), onError: (r) => show('onError', r), onClose: (r) => show('onClose', r) });
  });
  document.getElementById('iframe').addEventListener('click', (e) => {
    HubSpotAEPConnect.mount({
      token: e.target.dataset.token,
      container: document.getElementById('widget'),
      fetchToken: () => fetch('/token', { method: 'POST' }).then((r) => r.text()),
      onSuccess: (r) => show('onSuccess', r),
      onError: (r) => show('onError', r),
    });
  });
</script></body></html>`;
}

/** The return URL's page: what came back in the URL (a hint) and what the API says (the truth). */
export function donePage(query: Record<string, string>, truth: unknown): string {
  const esc = (v: string) => v.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Back at the demo partner</title></head><body>
<h1>Back at the demo partner portal</h1>
<h2>Return URL parameters</h2><pre id="query">${esc(JSON.stringify(query, null, 2))}</pre>
<h2>GET /api/v1/connect-sessions/{id}</h2><pre id="truth">${esc(JSON.stringify(truth, null, 2))}</pre>
<p><a href="/">Start again</a></p></body></html>`;
}
