// The tree editor: each level's total of weights, updated as they are typed, in red when it
// differs from the weight the document states for that level.
(function () {
  "use strict";
  function num(v) { var n = parseFloat(String(v).trim()); return isNaN(n) ? 0 : n; }
  function update() {
    document.querySelectorAll(".level").forEach(function (card) {
      var total = 0;
      card.querySelectorAll(".w").forEach(function (w) { total += num(w.value !== undefined ? w.value : w.textContent); });
      total = Math.round(total * 10000) / 10000;
      var sum = card.querySelector(".sum"), stated = card.getAttribute("data-stated");
      sum.textContent = total;
      sum.className = "sum" + (stated === "" ? "" : (Math.abs(num(stated) - total) < 0.0001 ? " good" : " bad"));
    });
  }
  document.addEventListener("input", update);
  update();
})();
// A weight saved over someone else's newer save is refused (409): show the refusal, with the
// stored value and the typed one, where the "已保存" note would go (htmx swaps no 4xx itself).
document.addEventListener("htmx:beforeSwap", function (e) {
  if (e.detail.xhr.status === 409 && e.detail.elt && e.detail.elt.matches && e.detail.elt.matches("input.w")) {
    e.detail.shouldSwap = true;
    e.detail.isError = false;
  }
});
