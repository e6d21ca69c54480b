/*
 * hubspot-aep-connect popup SDK. Load it from the service, then call, inside a click handler:
 *   HubSpotAEPConnect.open({ token, onSuccess, onError, onClose })
 * The popup opens synchronously (browsers block popups opened after an await). The outcome arrives by
 * postMessage from our popup's last page (sender origin checked exactly) and is confirmed with our
 * server before onSuccess; a poll of the same status endpoint covers a severed window.opener.
 * The session token goes in a request header, never in a URL the SDK builds for fetch.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  var SERVICE = new URL(script && script.src ? script.src : location.href).origin;
  var TOKEN_HEADER = 'HubSpot-AEP-Session-Token';
  var POLL_MS = 1500;

  function status(token) {
    return fetch(SERVICE + '/embed/v1/session', { headers: { [TOKEN_HEADER]: token }, credentials: 'omit', cache: 'no-store' }).then(
      function (res) {
        if (!res.ok) throw new Error('session status ' + res.status);
        return res.json();
      },
    );
  }

  function open(options) {
    var token = options && options.token;
    var onSuccess = options.onSuccess || function () {};
    var onError = options.onError || function () {};
    var onClose = options.onClose || function () {};
    if (typeof token !== 'string' || token === '') throw new TypeError('HubSpotAEPConnect.open needs a session token');
    var sessionUrl = SERVICE + '/connect-sessions/' + encodeURIComponent(token);
    var popup = window.open(sessionUrl + '?mode=popup', 'hubspot-aep-connect', 'popup,width=560,height=760');
    if (!popup) {
      // Blocked: redirect mode works only if the partner registered where to send the user back.
      status(token).then(
        function (s) {
          if (s.has_return_url) location.assign(sessionUrl);
          else onError({ code: 'POPUP_BLOCKED', sessionId: s.session_id });
        },
        function () {
          onError({ code: 'POPUP_BLOCKED' });
        },
      );
      return { close: function () {} };
    }
    var settled = false;
    var timer;
    function finish() {
      settled = true;
      clearInterval(timer);
      window.removeEventListener('message', onMessage);
    }
    function check(closedNow) {
      if (settled) return Promise.resolve();
      return status(token).then(
        function (s) {
          if (settled) return;
          if (s.status === 'completed') {
            finish();
            onSuccess({ sessionId: s.session_id, connectionId: s.connection_id, reconnected: s.reconnected === true });
          } else if (s.status === 'failed' || s.status === 'expired') {
            finish();
            onError({ code: s.error_code || (s.status === 'expired' ? 'SESSION_EXPIRED' : 'FAILED'), sessionId: s.session_id });
          } else if (closedNow) {
            finish();
            onClose({ sessionId: s.session_id });
          }
        },
        function () {
          if (closedNow && !settled) {
            finish();
            onClose({});
          }
        },
      );
    }
    function onMessage(event) {
      // Only our popup's last page, from our exact origin; the message is a hint, the server the truth.
      if (event.origin !== SERVICE || event.source !== popup) return;
      if (!event.data || event.data.type !== 'hubspot-aep-connect:outcome') return;
      check(false);
    }
    window.addEventListener('message', onMessage);
    timer = setInterval(function () {
      check(popup.closed);
    }, POLL_MS);
    return {
      close: function () {
        popup.close();
      },
    };
  }

  window.HubSpotAEPConnect = Object.freeze({ open: open });
})();
