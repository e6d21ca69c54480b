/*
 * hubspot-aep-connect browser SDK. Load it from the service, then call, inside a click handler:
 *   HubSpotAEPConnect.open({ token, onSuccess, onError, onClose, appearance, locale })
 * or show the iframe widget:
 *   HubSpotAEPConnect.mount({ token, container, fetchToken, onSuccess, onError, appearance, locale })
 * The popup opens synchronously, on about:blank (browsers block popups opened after an await); it
 * leaves about:blank only once the service has checked this page's origin against the partner's
 * embedOrigins, so nothing reaches HubSpot from an unregistered page. The outcome arrives by
 * postMessage from our pages (sender origin checked exactly) and is confirmed with our server before
 * onSuccess; a poll of the same status endpoint covers a severed window.opener.
 * onError receives { code, message, serverCode?, sessionId? } with code one of ERROR_CODES below.
 * The session token goes in a request header or body, never in a URL the SDK builds for fetch.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  var SERVICE = new URL(script && script.src ? script.src : location.href).origin;
  var SESSION_API = SERVICE + '/embed/v1/session';
  var TOKEN_HEADER = 'HubSpot-AEP-Session-Token';
  var MESSAGE = 'hubspot-aep-connect:';
  var POLL_MS = 1500;
  var MESSAGES = {
    ORIGIN_NOT_ALLOWED: 'This page’s origin is not one of the partner’s registered embedOrigins; nothing was sent to HubSpot.',
    POPUP_BLOCKED: 'The browser blocked the popup; call open() directly inside a click handler.',
    SESSION_EXPIRED: 'The connect session expired or does not exist; create a new one.',
    SESSION_USED: 'The connect session was already used; create a new one.',
    CONSENT_DENIED: 'The user declined access on HubSpot.',
    CONNECT_FAILED: 'The connection could not be made; serverCode says why.',
    INVALID_OPTIONS: 'The options passed to the SDK are not valid.',
  };
  var HEX_COLOUR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

  function connectError(code, sessionId, serverCode, message) {
    var error = { code: code, message: message || MESSAGES[code] };
    if (serverCode) error.serverCode = serverCode;
    if (sessionId) error.sessionId = sessionId;
    return error;
  }

  /** The server's error code, answered by the attach call, as one of the SDK's codes. */
  function fromServer(serverCode, message) {
    if (serverCode === 'NOT_FOUND') return connectError('SESSION_EXPIRED');
    if (MESSAGES[serverCode] && serverCode !== 'CONNECT_FAILED') return connectError(serverCode, undefined, undefined, message);
    return connectError('CONNECT_FAILED', undefined, serverCode || 'INTERNAL', message);
  }

  function status(token) {
    return fetch(SESSION_API, { headers: { [TOKEN_HEADER]: token }, credentials: 'omit', cache: 'no-store' }).then(function (res) {
      if (!res.ok) throw new Error('session status ' + res.status);
      return res.json();
    });
  }

  /**
   * Hands the token and options to the service, which checks this page's origin (the browser's Origin
   * header) and the options. A text/plain POST needs no CORS preflight, so a refusal is readable here.
   */
  function attach(token, options) {
    var body = { token: token };
    if (options.appearance !== undefined) body.appearance = options.appearance;
    if (options.locale !== undefined) body.locale = options.locale;
    return fetch(SESSION_API, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', accept: 'application/json' },
      body: JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
    }).then(
      function (res) {
        return res.json().then(
          function (json) {
            if (res.ok) return json;
            var e = (json && json.error) || {};
            throw fromServer(e.code, e.message);
          },
          function () {
            throw connectError('CONNECT_FAILED', undefined, 'HTTP_' + res.status);
          },
        );
      },
      function () {
        throw connectError('CONNECT_FAILED', undefined, 'NETWORK', 'The service could not be reached.');
      },
    );
  }

  /** Options are checked here too, so a typo is reported at once, before any window opens. */
  function invalidOptions(options) {
    if (!options || typeof options.token !== 'string' || options.token === '') return 'token must be a non-empty string';
    var a = options.appearance;
    if (a !== undefined) {
      if (typeof a !== 'object' || a === null) return 'appearance must be an object';
      if (a.primaryColor !== undefined && !(typeof a.primaryColor === 'string' && HEX_COLOUR.test(a.primaryColor)))
        return 'appearance.primaryColor must be a hex colour such as #0a66c2';
      if (a.logoUrl !== undefined && !(typeof a.logoUrl === 'string' && /^https?:\/\//.test(a.logoUrl)))
        return 'appearance.logoUrl must be an https URL on one of your embedOrigins';
    }
    if (options.locale !== undefined && options.locale !== 'en' && options.locale !== 'fr') return 'locale must be "en" or "fr"';
    return undefined;
  }

  function handlers(options) {
    var noop = function () {};
    options = options || {};
    return {
      token: options.token,
      onSuccess: options.onSuccess || noop,
      onError: options.onError || noop,
      onClose: options.onClose || noop,
    };
  }

  /** The session's failure as the SDK's error: declined consent and expiry have codes of their own. */
  function sessionError(s) {
    if (s.status === 'expired') return connectError('SESSION_EXPIRED', s.session_id);
    if (s.error_code === 'CONSENT_DENIED') return connectError('CONSENT_DENIED', s.session_id);
    return connectError('CONNECT_FAILED', s.session_id, s.error_code || 'INTERNAL');
  }

  /**
   * Learns the session's outcome: from our pages' postMessage (a hint, checked for our exact origin and
   * the expected window as source) and from polling; always confirmed by the server.
   * `ended(s)` runs once with the final status (or undefined when the popup was closed early).
   */
  function watch(h, source, ended) {
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
            ended(s);
          } else if (s.status === 'failed' || s.status === 'expired') {
            finish();
            h.onError(sessionError(s));
            ended(s);
          } else if (closedNow) {
            finish();
            h.onClose({ reason: 'WINDOW_CLOSED', sessionId: s.session_id });
            ended(undefined);
          }
        },
        function () {
          if (closedNow && !settled) {
            finish();
            h.onClose({ reason: 'WINDOW_CLOSED' });
            ended(undefined);
          }
        },
      );
    }
    function onMessage(event) {
      if (event.origin !== SERVICE || event.source !== source()) return;
      if (!event.data || event.data.type !== MESSAGE + 'outcome') return;
      check(false);
    }
    window.addEventListener('message', onMessage);
    timer = setInterval(function () {
      var win = source();
      check(Boolean(win && win.closed));
    }, POLL_MS);
    return finish;
  }

  function later(fn) {
    Promise.resolve().then(fn);
  }

  /** Popup mode: call inside a click handler. */
  function open(options) {
    var h = handlers(options);
    var problem = invalidOptions(options);
    if (problem) {
      later(function () {
        h.onError(connectError('INVALID_OPTIONS', undefined, undefined, problem));
      });
      return { close: function () {} };
    }
    var sessionUrl = SERVICE + '/connect-sessions/' + encodeURIComponent(h.token);
    var popup = window.open('', 'hubspot-aep-connect', 'popup,width=560,height=760');
    var stop = function () {};
    var closed = false;
    attach(h.token, options).then(
      function (s) {
        if (closed) return;
        if (!popup) {
          // Blocked: redirect mode works only if the partner registered where to send the user back.
          if (s.has_return_url) location.assign(sessionUrl);
          else h.onError(connectError('POPUP_BLOCKED', s.session_id));
          return;
        }
        popup.location.replace(sessionUrl + '?mode=popup');
        stop = watch(
          h,
          function () {
            return popup;
          },
          function () {},
        );
      },
      function (error) {
        if (popup) popup.close();
        if (!closed) h.onError(error);
      },
    );
    return {
      close: function () {
        closed = true;
        stop();
        if (popup) popup.close();
      },
    };
  }

  /**
   * Iframe widget: shows the session page inside `container`; its button opens the HubSpot consent in a
   * new window. The frame reports its height (the SDK sizes it) and, once the session has run, is
   * reloaded to show the outcome. Its Try again asks `fetchToken()` for a fresh session token.
   */
  function mount(options) {
    var h = handlers(options);
    var problem =
      invalidOptions(options) ||
      (options && options.container && options.container.appendChild ? undefined : 'container must be an element');
    if (problem) {
      later(function () {
        h.onError(connectError('INVALID_OPTIONS', undefined, undefined, problem));
      });
      return { unmount: function () {} };
    }
    var fetchToken = options.fetchToken;
    var frame = null;
    var stop = function () {};
    var gone = false;
    function frameUrl(token) {
      var url = SERVICE + '/connect-sessions/' + encodeURIComponent(token) + '?mode=iframe';
      return fetchToken ? url + '&retry=1' : url;
    }
    function onFrameMessage(event) {
      if (!frame || event.origin !== SERVICE || event.source !== frame.contentWindow || !event.data) return;
      if (event.data.type === MESSAGE + 'resize' && typeof event.data.height === 'number') {
        frame.style.height = Math.max(0, Math.ceil(event.data.height)) + 'px';
      } else if (event.data.type === MESSAGE + 'retry' && fetchToken) {
        Promise.resolve()
          .then(fetchToken)
          .then(show, function () {
            h.onError(connectError('CONNECT_FAILED', undefined, 'FETCH_TOKEN_FAILED', 'fetchToken() failed.'));
          });
      }
    }
    function show(token) {
      if (gone) return;
      if (typeof token !== 'string' || token === '') {
        h.onError(connectError('INVALID_OPTIONS', undefined, undefined, 'fetchToken() must resolve to a session token'));
        return;
      }
      stop();
      h.token = token;
      attach(token, options).then(
        function () {
          if (gone) return;
          if (!frame) {
            frame = document.createElement('iframe');
            frame.title = 'Connect HubSpot';
            frame.style.cssText = 'display:block;width:100%;height:320px;border:0';
            options.container.appendChild(frame);
          }
          frame.src = frameUrl(token);
          stop = watch(
            h,
            function () {
              return frame && frame.contentWindow;
            },
            function (s) {
              // The frame shows the outcome: the portal and Done, or the reason and Try again.
              if (s && frame && !gone) frame.src = frameUrl(token);
            },
          );
        },
        function (error) {
          if (!gone) h.onError(error);
        },
      );
    }
    window.addEventListener('message', onFrameMessage);
    show(h.token);
    return {
      unmount: function () {
        gone = true;
        stop();
        window.removeEventListener('message', onFrameMessage);
        if (frame) frame.remove();
      },
    };
  }

  window.HubSpotAEPConnect = Object.freeze({ open: open, mount: mount, ERROR_CODES: Object.freeze(Object.keys(MESSAGES)) });
})();
