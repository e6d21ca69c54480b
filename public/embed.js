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

  function handlers(options) {
    var token = options && options.token;
    if (typeof token !== 'string' || token === '') throw new TypeError('HubSpotAEPConnect needs a session token');
    var noop = function () {};
    return { token: token, onSuccess: options.onSuccess || noop, onError: options.onError || noop, onClose: options.onClose || noop };
  }

  /**
   * Learns the session's outcome: from our last page's postMessage (a hint, checked for our exact
   * origin and, in popup mode, for the popup as source) and from polling; always confirmed by the server.
   */
  function watch(h, popup) {
    var settled = false;
    var timer;
    function finish() {
      settled = true;
      clearInterval(timer);
      window.removeEventListener('message', onMessage);
    }
    function check(closedNow) {
      if (settled) return;
      status(h.token).then(
        function (s) {
          if (settled) return;
          if (s.status === 'completed') {
            finish();
            h.onSuccess({ sessionId: s.session_id, connectionId: s.connection_id, reconnected: s.reconnected === true });
          } else if (s.status === 'failed' || s.status === 'expired') {
            finish();
            h.onError({ code: s.error_code || (s.status === 'expired' ? 'SESSION_EXPIRED' : 'FAILED'), sessionId: s.session_id });
          } else if (closedNow) {
            finish();
            h.onClose({ sessionId: s.session_id });
          }
        },
        function () {
          if (closedNow && !settled) {
            finish();
            h.onClose({});
          }
        },
      );
    }
    function onMessage(event) {
      if (event.origin !== SERVICE || (popup && event.source !== popup)) return;
      if (!event.data || event.data.type !== 'hubspot-aep-connect:outcome') return;
      check(false);
    }
    window.addEventListener('message', onMessage);
    timer = setInterval(function () {
      check(Boolean(popup && popup.closed));
    }, POLL_MS);
    return finish;
  }

  /** Popup mode: call inside a click handler. */
  function open(options) {
    var h = handlers(options);
    var sessionUrl = SERVICE + '/connect-sessions/' + encodeURIComponent(h.token);
    var popup = window.open(sessionUrl + '?mode=popup', 'hubspot-aep-connect', 'popup,width=560,height=760');
    if (!popup) {
      // Blocked: redirect mode works only if the partner registered where to send the user back.
      status(h.token).then(
        function (s) {
          if (s.has_return_url) location.assign(sessionUrl);
          else h.onError({ code: 'POPUP_BLOCKED', sessionId: s.session_id });
        },
        function () {
          h.onError({ code: 'POPUP_BLOCKED' });
        },
      );
      return { close: function () {} };
    }
    var stop = watch(h, popup);
    return {
      close: function () {
        stop();
        popup.close();
      },
    };
  }

  /**
   * Iframe widget: shows the session page inside `container`; its button opens the HubSpot consent in
   * a new window, and the outcome is learned by polling (no cookie is needed in the frame).
   */
  function mount(options) {
    var h = handlers(options);
    var frame = document.createElement('iframe');
    frame.src = SERVICE + '/connect-sessions/' + encodeURIComponent(h.token) + '?mode=iframe';
    frame.title = 'Connect HubSpot';
    frame.style.cssText = 'width:100%;min-height:520px;border:0';
    options.container.appendChild(frame);
    var stop = watch(h, null);
    return {
      unmount: function () {
        stop();
        frame.remove();
      },
    };
  }

  window.HubSpotAEPConnect = Object.freeze({ open: open, mount: mount });
})();
