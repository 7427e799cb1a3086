// The results grid: spreadsheet keys (arrows, Enter) and save-on-change through htmx.
(function () {
  "use strict";
  function cells() { return Array.prototype.slice.call(document.querySelectorAll("table.sheet input.cell")); }
  function move(input, dRow, dCol) {
    var td = input.closest("td"), tr = td.parentElement;
    var col = Array.prototype.indexOf.call(tr.children, td);
    var rows = Array.prototype.slice.call(tr.parentElement.children);
    var r = rows.indexOf(tr) + dRow;
    if (dCol) {
      var list = cells(), k = list.indexOf(input) + dCol;
      if (list[k]) { list[k].focus(); list[k].select(); }
      return;
    }
    if (rows[r]) {
      var target = rows[r].children[col] && rows[r].children[col].querySelector("input.cell");
      if (target) { target.focus(); target.select(); }
    }
  }
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    if (!t.matches || !t.matches("table.sheet input.cell")) return;
    if (e.key === "ArrowDown" || e.key === "Enter") { e.preventDefault(); move(t, e.shiftKey ? -1 : 1, 0); }
    else if (e.key === "ArrowUp") { e.preventDefault(); move(t, -1, 0); }
    else if (e.key === "ArrowRight" && t.selectionStart === t.value.length) { move(t, 0, 1); }
    else if (e.key === "ArrowLeft" && t.selectionStart === 0) { move(t, 0, -1); }
  });
  document.addEventListener("change", function (e) {
    var t = e.target;
    if (!t.matches || !t.matches("table.sheet input.cell") || t.readOnly) return;
    var tr = t.closest("tr"), id = tr.querySelector("td[id^=parsed-]").id;
    var values = {};
    tr.querySelectorAll("input.cell").forEach(function (i) { values[i.name] = i.value; });
    values.version = tr.getAttribute("data-version");  // the version this row shows
    var headers = JSON.parse(document.body.getAttribute("hx-headers") || "{}");
    htmx.ajax("POST", tr.getAttribute("data-save"), { target: "#" + id, values: values, source: t, headers: headers });
  });
  // After a save the row shows the saved version (the ETag), so its next save is not stale;
  // a refused (409) save leaves it, so the person reloads and sees the value stored.
  // A refused save (409) shows both values in the cell and freezes the row until the page is
  // reloaded: no later answer (the as-you-type parse) may paint over the message.
  document.addEventListener("htmx:beforeSwap", function (e) {
    var tr = e.detail.elt && e.detail.elt.closest && e.detail.elt.closest("tr[data-save]");
    if (!tr) return;
    if (e.detail.xhr.status === 409) {
      tr.setAttribute("data-stale", "1");
      tr.querySelectorAll("input.cell").forEach(function (i) { i.readOnly = true; });
    } else if (tr.hasAttribute("data-stale")) {
      e.detail.shouldSwap = false;
    }
  });
  document.addEventListener("htmx:afterRequest", function (e) {
    var tr = e.detail.elt && e.detail.elt.closest && e.detail.elt.closest("tr[data-save]");
    var tag = e.detail.xhr && e.detail.xhr.getResponseHeader("ETag");
    if (tr && tag && e.detail.successful) { tr.setAttribute("data-version", tag.replace(/\D/g, "")); }
  });
})();
