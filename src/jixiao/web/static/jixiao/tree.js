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
