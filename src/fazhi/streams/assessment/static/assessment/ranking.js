// Score distribution per unit kind: the data comes from the page's json_script block (strict CSP: no inline JS).
(function () {
  "use strict";
  var source = document.getElementById("distribution-data");
  if (!source || typeof echarts === "undefined") { return; }
  JSON.parse(source.textContent).forEach(function (group, i) {
    var el = document.getElementById("chart-distribution-" + i);
    if (!el) { return; }
    var c = echarts.init(el);
    c.setOption({
      animation: false,
      grid: { left: 40, right: 16, top: 24, bottom: 48 },
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: group.bands, axisLabel: { rotate: 20, interval: 0 } },
      yAxis: { type: "value", name: "单位数", minInterval: 1 },
      series: [{ type: "bar", data: group.counts, itemStyle: { color: "#b3261e" }, label: { show: true, position: "top" } }]
    });
    window.addEventListener("resize", function () { c.resize(); });
  });
}());
