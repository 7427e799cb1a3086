// Every page: behaviour that used to sit in on…= attributes, which the Content-Security-Policy
// refuses. A <select data-autosubmit> submits its form when changed (year, period pickers).
(function () {
  "use strict";
  document.addEventListener("change", function (e) {
    var t = e.target;
    if (t.matches && t.matches("select[data-autosubmit]") && t.form) { t.form.submit(); }
  });
})();
// A stale in-place save (HTTP 409) comes back as a fragment with both values: show it where
// the save's answer goes, instead of htmx's default of dropping error responses.
document.addEventListener("DOMContentLoaded", function () {
  if (window.htmx) { htmx.config.responseHandling.unshift({ code: "409", swap: true, error: true }); }
});
