/*
 * Runs on the session page in the widget's frame and in the popup (the modes embed.js opens). One submit of
 * "Connect HubSpot" claims the single-use session, so a second one could only end on "already used": framed, in a
 * second window; in the popup, instead of HubSpot, since a second submit replaces the first one's navigation.
 * So the button goes at once, and the lead says what happens next (the widget's waiting text, as a reload of the
 * frame would show it).
 */
(function () {
  'use strict';
  var form = document.querySelector('form[data-connect]');
  var lead = document.querySelector('[data-testid="lead"]');
  if (!form || !lead) return;
  var submitted = false;
  form.addEventListener('submit', function (event) {
    if (submitted) {
      event.preventDefault();
      return;
    }
    submitted = true;
    // Hidden and disabled, not removed: a form taken out of the document during its submit event never submits.
    form.hidden = true;
    form.querySelector('button').disabled = true;
    lead.textContent = lead.getAttribute('data-next');
    // Framed, the server has the last word: should the consent window's request have been refused before it
    // claimed the session (a rate limit, say), the reload shows the button again; else the same waiting text.
    if (document.body.classList.contains('framed')) {
      setTimeout(function () {
        location.reload();
      }, 10000);
    }
  });
})();
