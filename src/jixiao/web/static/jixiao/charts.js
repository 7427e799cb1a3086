// Charts (ECharts, SVG renderer). Data comes from json_script blocks and data- attributes, so
// no script is inline in the page (Content-Security-Policy: script-src 'self').
(function () {
  "use strict";
  function read(id) { var el = document.getElementById(id); return el ? JSON.parse(el.textContent) : null; }

  // The monitoring dashboard: completion and budget execution of the units below.
  function ranking(el) {
    var data = read("chart-data"), expected = el.getAttribute("data-expected");
    var chart = echarts.init(el, null, { renderer: "svg" });
    var rate = { name: "预算执行率%", type: "bar", data: data.rate };
    if (expected) {
      rate.markLine = { symbol: "none", data: [{ yAxis: parseFloat(expected), name: "时序进度" }], label: { formatter: "时序进度 {c}%", position: "insideEndTop" } };
    }
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { data: ["完成进度%", "预算执行率%"] },
      grid: { left: 48, right: 16, bottom: 64, top: 36 },
      xAxis: { type: "category", data: data.names, axisLabel: { interval: 0, rotate: data.names.length > 8 ? 40 : 0 } },
      yAxis: { type: "value", name: "%" },
      series: [{ name: "完成进度%", type: "bar", data: data.completion }, rate]
    });
    chart.on("click", function (p) {
      var id = data.ids[p.dataIndex];
      if (id) { window.location = el.getAttribute("data-href") + id + "/?year=" + encodeURIComponent(el.getAttribute("data-year")); }
    });
    window.addEventListener("resize", function () { chart.resize(); });
    el.dataset.ready = "1";
  }

  // A system's first-level indicators: weight and recomputed score.
  function levels(el) {
    var rows = read("level-data");
    var chart = echarts.init(el, null, { renderer: "svg" });
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { data: ["分值", "重新计算得分"] },
      grid: { left: 40, right: 20, bottom: 60 },
      xAxis: { type: "category", data: rows.map(function (r) { return r.name; }), axisLabel: { interval: 0, rotate: 20 } },
      yAxis: { type: "value" },
      series: [
        { name: "分值", type: "bar", data: rows.map(function (r) { return r.weight; }) },
        { name: "重新计算得分", type: "bar", data: rows.map(function (r) { return r.recomputed; }) }
      ]
    });
    window.addEventListener("resize", function () { chart.resize(); });
    el.dataset.ready = "1";
  }

  var el = document.getElementById("ranking-chart");
  if (el) { ranking(el); }
  el = document.getElementById("level-chart");
  if (el) { levels(el); }
})();
