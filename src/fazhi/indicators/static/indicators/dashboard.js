// Dashboard charts: the data comes from the page's json_script block (strict CSP: no inline JS).
(function () {
  "use strict";
  var source = document.getElementById("dashboard-data");
  if (!source || typeof echarts === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  if (!data.trend) { return; }
  var unit = data.trend.unit || "";
  var red = "#b3261e";

  function chart(id, kind, labels, values, rotate) {
    var el = document.getElementById(id);
    if (!el) { return null; }
    var c = echarts.init(el);
    c.setOption({
      animation: false,
      grid: { left: 48, right: 16, top: 24, bottom: rotate ? 64 : 32 },
      tooltip: { trigger: "axis", valueFormatter: function (v) { return v === null || v === undefined ? "无数据" : v + unit; } },
      xAxis: { type: "category", data: labels, axisLabel: { rotate: rotate || 0, interval: 0 } },
      yAxis: { type: "value", name: unit },
      series: [{ type: kind, data: values, itemStyle: { color: red }, connectNulls: false,
                 label: { show: kind === "bar", position: "top" } }]
    });
    window.addEventListener("resize", function () { c.resize(); });
    return c;
  }

  chart("chart-years", "line", data.years, data.yearValues);
  chart("chart-months", "bar", data.months, data.monthValues);
  var units = chart("chart-units", "bar", data.units, data.unitValues, 30);
  if (units) {
    units.on("click", function (params) {
      var link = data.unitLinks[params.dataIndex];
      if (link) { window.location.href = link; }
    });
  }
}());
