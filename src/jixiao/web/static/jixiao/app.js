// Every page: behaviour that used to sit in on…= attributes, which the Content-Security-Policy
// refuses. A <select data-autosubmit> submits its form when changed (year, period pickers).
(function () {
  "use strict";
  document.addEventListener("change", function (e) {
    var t = e.target;
    if (t.matches && t.matches("select[data-autosubmit]") && t.form) { t.form.submit(); }
  });
})();
