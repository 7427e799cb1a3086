// The import's progress page: poll the job's status.json, move the bar, and when the job is
// finished (read, failed or interrupted) load its page again, which is then the preview or
// the reason. No framework: a fetch every second or so, slower while nothing changes.
(function () {
  "use strict";
  var box = document.getElementById("import-job");
  var bar = document.getElementById("import-progress");
  if (!box || !bar) return;
  var url = box.getAttribute("data-status-url");
  var stage = document.getElementById("import-stage");
  var detail = document.getElementById("import-detail");
  var waiting = document.getElementById("import-waiting");
  var started = Date.now();
  var delay = 600;

  function show(state) {
    bar.value = state.percent;
    bar.textContent = state.percent + "%";
    var label = state.status === "queued" ? "排队等候" : state.stage_label;
    stage.innerHTML = "";
    var strong = document.createElement("strong");
    strong.textContent = label + "……";
    stage.appendChild(strong);
    detail.textContent = state.total ? "已读 " + state.done + " / " + state.total + " " + state.unit : "";
    waiting.hidden = !(state.status === "queued" && Date.now() - started > 30000);
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (state) {
        if (state.finished) {
          window.location.replace(state.preview);
          return;
        }
        show(state);
        delay = Math.min(delay * 1.15, 2500);
        window.setTimeout(poll, delay);
      })
      .catch(function () {
        delay = Math.min(delay * 2, 10000);
        window.setTimeout(poll, delay);
      });
  }

  window.setTimeout(poll, delay);
})();
