/* Territory page: each indicator's evolution as a Chart.js line, the choropleth of the
   sub-territories with Leaflet (GeoJSON of the instance, no tiles). The page reads without it: tables and forms are in the HTML. */
(function () {
  "use strict";
  var PALETTE = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"];
  var NONE = "#d9d9d9";

  // axis numbers written as the page's language writes them (1 234,5 in French)
  function locale() { return document.documentElement.lang === "en" ? "en-GB" : "fr-FR"; }

  function drawCharts() {
    if (typeof Chart === "undefined") { return; }
    document.querySelectorAll("canvas[data-series]").forEach(function (canvas) {
      var series = JSON.parse(canvas.getAttribute("data-series"));
      canvas.chart = new Chart(canvas, {
        type: "line",
        data: { labels: series.periods, datasets: [{ label: series.label, data: series.values,
          borderColor: "#1d4e6f", backgroundColor: "#1d4e6f", tension: 0, spanGaps: true }] },
        options: { responsive: true, maintainAspectRatio: false, animation: false, locale: locale(),
          plugins: { legend: { display: false } }, scales: { y: { beginAtZero: false } } }
      });
    });
  }

  function colour(value, breaks) {
    if (value === null || value === undefined) { return NONE; }
    for (var i = 0; i < breaks.length; i++) { if (value <= breaks[i]) { return PALETTE[i]; } }
    return PALETTE[PALETTE.length - 1];
  }

  function drawMap() {
    var box = document.getElementById("territory-map");
    if (!box || typeof L === "undefined") { return; }
    var breaks = JSON.parse(box.getAttribute("data-breaks"));
    var format = new Intl.NumberFormat(box.getAttribute("data-lang") === "en" ? "en-GB" : "fr-FR",
      { maximumFractionDigits: 2 });
    fetch(box.getAttribute("data-geojson"), { headers: { Accept: "application/geo+json" } })
      .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.json(); })
      .then(function (collection) {
        var map = L.map(box, { attributionControl: false, zoomControl: false, zoomSnap: 0.25 });
        L.control.zoom({ zoomInTitle: box.getAttribute("data-zoom-in"),
          zoomOutTitle: box.getAttribute("data-zoom-out") }).addTo(map);
        var shaped = collection.features.filter(function (f) { return f.geometry; });
        var layer = L.geoJSON({ type: "FeatureCollection", features: shaped }, {
          style: function (f) { return { color: "#5f6b7a", weight: 0.6, fillOpacity: 0.95,
            fillColor: colour(f.properties.value, breaks) }; },
          onEachFeature: function (f, item) {
            var value = f.properties.value;
            item.bindTooltip(f.properties.name + " : " +
              (value === null ? box.getAttribute("data-no-value") : format.format(value)), { sticky: true });
            item.on("click", function () { window.location.href = "/territories/" + f.properties.id; });
          }
        }).addTo(map);
        var mainland = shaped.filter(function (f) { return !f.properties.overseas; });
        var bounds = mainland.length ? L.geoJSON({ type: "FeatureCollection", features: mainland }).getBounds()
          : layer.getBounds();
        map.fitBounds(bounds, { padding: [8, 8] });
        box.setAttribute("data-drawn", String(shaped.length));
      })
      .catch(function () { box.setAttribute("data-drawn", "error"); });
  }

  document.addEventListener("DOMContentLoaded", function () { drawCharts(); drawMap(); });
})();
