/* The dataset's map: the Explore API's export of the geo field (GeoJSON) or of the latitude
 * and longitude columns (JSON), under the table's filters; points clustered, shapes drawn,
 * on a plain background (no tile server: nothing leaves the instance). */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("dataset-config").textContent);
  var element = document.getElementById("dataset-map");
  if (!element || !config.map || typeof L === "undefined") return;
  var status = document.getElementById("map-status");
  var map = L.map(element, { attributionControl: false, zoomSnap: 0.25, minZoom: 2, maxZoom: 18 });
  map.setView([46.6, 2.4], 5);
  var dot = L.divIcon({ className: "map-dot", iconSize: [12, 12] });
  var points = L.markerClusterGroup({ showCoverageOnHover: false, chunkedLoading: true });
  var shapes = L.geoJSON(null, { style: { color: "#1d4e6f", weight: 2, fillOpacity: 0.25 } });
  points.addTo(map);
  shapes.addTo(map);
  var serial = 0;

  function text(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_m, key) { return values[key]; });
  }

  function addGeometry(geometry) {
    if (!geometry) return 0;
    if (geometry.type === "Point") {
      var c = geometry.coordinates;
      points.addLayer(L.marker([c[1], c[0]], { icon: dot, keyboard: false }));
      return 1;
    }
    if (geometry.type === "MultiPoint") {
      geometry.coordinates.forEach(function (c) {
        points.addLayer(L.marker([c[1], c[0]], { icon: dot, keyboard: false }));
      });
      return 1;
    }
    shapes.addData(geometry);
    return 1;
  }

  function draw(data) {
    points.clearLayers();
    shapes.clearLayers();
    var drawn = 0;
    if (config.map.kind === "geojson") {
      (data.features || []).forEach(function (f) { drawn += addGeometry(f.geometry); });
    } else {
      data.forEach(function (row) {
        if (row.lat === null || row.lon === null) return;
        drawn += addGeometry({ type: "Point", coordinates: [row.lon, row.lat] });
      });
    }
    var bounds = L.latLngBounds([]);
    if (points.getLayers().length) bounds.extend(points.getBounds());
    if (shapes.getLayers().length) bounds.extend(shapes.getBounds());
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [20, 20], maxZoom: 16 });
    status.textContent = text(drawn >= config.map.limit ? config.messages.mapTruncated
      : config.messages.mapShown, { n: drawn });
  }

  function load(where) {
    var mine = ++serial;
    var params = new URLSearchParams();
    (where || []).forEach(function (clause) { params.append("where", clause); });
    params.set("select", config.map.select);
    params.set("limit", config.map.limit);
    status.textContent = config.messages.loading;
    fetch(config.api + "/exports/" + config.map.format + "?" + params.toString())
      .then(function (answer) {
        // a refused export (e.g. a field selection without the geometry) draws an empty map
        return answer.ok ? answer.json() : config.map.kind === "geojson" ? {} : [];
      })
      .then(function (data) { if (mine === serial) draw(data); })
      .catch(function (error) { status.textContent = config.messages.error + " " + error.message; });
  }

  document.addEventListener("dataset:query", function (event) { load(event.detail.where); });
  load(config.where);
})();
