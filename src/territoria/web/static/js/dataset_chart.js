/* The chart builder: the page's .json twin turns the form into the Explore API's select
 * and group_by (under the table's filters), the API answers the groups, Chart.js draws
 * them and the table under the chart lists the same values for screen readers. */
(function () {
  "use strict";
  var form = document.getElementById("chart-form");
  if (!form || typeof Chart === "undefined") return;
  var config = JSON.parse(document.getElementById("dataset-config").textContent);
  var box = document.getElementById("chart-box");
  var canvas = document.getElementById("chart-canvas");
  var status = document.getElementById("chart-status");
  var details = document.getElementById("chart-data");
  var numberFormat = new Intl.NumberFormat(config.lang === "en" ? "en-GB" : "fr-FR");
  var brand = getComputedStyle(document.documentElement).getPropertyValue("--brand").trim() || "#1d4e6f";
  var palette = [brand, "#b3561d", "#1e6b34", "#7a4d00", "#5b3a8c", "#a4161a", "#0f6e6e",
    "#4a4a4a", "#8c5a00", "#2f4b9c", "#6b1e4f", "#3d6b1e"];
  var chart = null;

  function label(key) {
    if (key === null || key === undefined || key === "") return config.messages.empty;
    if (key === true) return config.messages.yes;
    if (key === false) return config.messages.no;
    return String(key);
  }

  function selected(select) { return select.options[select.selectedIndex].text; }

  function fillTable(groups) {
    var by = form.elements["chart.by"], agg = form.elements["chart.agg"];
    var field = form.elements["chart.field"];
    document.getElementById("chart-key-head").textContent = selected(by);
    document.getElementById("chart-value-head").textContent = selected(agg) +
      (agg.value !== "count" && field ? " — " + selected(field) : "");
    var body = document.createElement("tbody");
    groups.forEach(function (group) {
      var row = body.insertRow();
      row.insertCell().textContent = label(group.key);
      var value = row.insertCell();
      value.className = "num";
      value.textContent = group.value === null ? "" : numberFormat.format(group.value);
    });
    var table = document.getElementById("chart-table");
    table.replaceChild(body, table.tBodies[0]);
    details.hidden = false;
  }

  function draw(kind, groups) {
    box.hidden = false;
    if (chart) chart.destroy();
    var pie = kind === "pie";
    chart = new Chart(canvas, {
      type: kind,
      data: {
        labels: groups.map(function (g) { return label(g.key); }),
        datasets: [{
          label: selected(form.elements["chart.agg"]),
          data: groups.map(function (g) { return g.value; }),
          backgroundColor: pie ? palette : brand,
          borderColor: pie ? "#fff" : brand,
          borderWidth: pie ? 1 : 2,
        }],
      },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        locale: document.documentElement.lang === "en" ? "en-GB" : "fr-FR",
        plugins: { legend: { display: pie } },
        scales: pie ? {} : { y: { beginAtZero: true } },
      },
    });
  }

  function chartParams() {
    var params = new URLSearchParams(location.search);
    Array.from(params.keys()).forEach(function (key) {
      if (key.indexOf("chart.") === 0 || key === "page") params.delete(key);
    });
    new FormData(form).forEach(function (value, key) {
      if (key.indexOf("chart.") === 0) params.set(key, value);
    });
    return params;
  }

  function refresh() {
    var params = chartParams();
    status.textContent = config.messages.loading;
    fetch("/datasets/" + encodeURIComponent(config.slug) + ".json?" + params.toString())
      .then(function (answer) { return answer.json(); })
      .then(function (twin) {
        if (!twin.chart) throw new Error(twin.message || "chart");
        var api = new URLSearchParams();
        twin.query.where.forEach(function (clause) { api.append("where", clause); });
        api.set("select", twin.chart.select);
        api.set("group_by", twin.chart.groupBy);
        api.set("order_by", twin.chart.orderBy);
        api.set("limit", twin.chart.limit);
        return fetch(config.api + "/records?" + api.toString())
          .then(function (answer) { return answer.json(); })
          .then(function (page) { return { kind: twin.chart.kind, groups: page.results || [] }; });
      })
      .then(function (result) {
        draw(result.kind, result.groups);
        fillTable(result.groups);
        status.textContent = text(config.messages.chartShown, { n: result.groups.length });
        history.replaceState(null, "", "?" + params.toString() + location.hash);
      })
      .catch(function (error) { status.textContent = config.messages.error + " " + error.message; });
  }

  function text(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_m, key) { return values[key]; });
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); refresh(); });
  form.addEventListener("change", refresh);
  document.addEventListener("dataset:query", function () { if (chart) refresh(); });
  if (new URLSearchParams(location.search).has("chart.by")) refresh();
})();
