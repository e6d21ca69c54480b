/*
 * Runs inside the iframe widget only. Tells the partner page (embed.js) the widget's height whenever it
 * changes, and relays a click on Try again, so the SDK can fetch a fresh session. Messages go to each
 * registered embed origin as an exact target: the browser delivers them only to the one framing us.
 */
(function () {
  'use strict';
  var origins = JSON.parse(document.body.getAttribute('data-embed-origins') || '[]');
  function post(message) {
    if (window.parent === window) return;
    origins.forEach(function (origin) {
      window.parent.postMessage(message, origin);
    });
  }
  var last = 0;
  function report() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    post({ type: 'hubspot-aep-connect:resize', height: height });
  }
  new ResizeObserver(report).observe(document.documentElement);
  report();
  var retry = document.querySelector('[data-action="retry"]');
  if (retry) {
    retry.addEventListener('click', function () {
      retry.disabled = true;
      post({ type: 'hubspot-aep-connect:retry' });
    });
  }
})();
