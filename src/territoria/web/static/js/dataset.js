/* The dataset page's live table: filters and sort without reloading.
 * The page's .json twin turns the filters into ODSQL (the server's one rule, with its
 * messages for refused values) and gives the download and API links; the rows come from
 * the Explore API's records, as any script would read them. Without JavaScript the form
 * and links do the same by reloading the page. */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("dataset-config").textContent);
  var form = document.getElementById("table-filters");
  var table = document.getElementById("data-table");
  var status = document.getElementById("table-status");
  var pages = document.getElementById("table-pages");
  var numberFormat = new Intl.NumberFormat(config.lang === "en" ? "en-GB" : "fr-FR");
  var state = { sort: new URLSearchParams(location.search).get("sort") || "", timer: null, serial: 0 };
  window.territoriaDataset = { config: config, where: config.where, orderBy: config.orderBy };

  function text(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_m, key) { return values[key]; });
  }

  function filterParams() {
    var params = new URLSearchParams();
    form.querySelectorAll("[data-field]").forEach(function (input) {
      if (input.value.trim()) params.append(config.filterPrefix + input.dataset.field, input.value);
    });
    if (state.sort) params.set("sort", state.sort);
    return params;
  }

  function cell(value, type) {
    if (value === null || value === undefined) return "";
    if (type === "int" || type === "double") return numberFormat.format(value);
    if (type === "boolean") return value ? config.messages.yes : config.messages.no;
    if (type === "geo_point_2d") return value.lat.toFixed(5) + ", " + value.lon.toFixed(5);
    if (type === "geo_shape") return (value.geometry || value).type || "";
    if (typeof value === "object") return JSON.stringify(value).slice(0, 160);
    var shown = String(value);
    return shown.length > 160 ? shown.slice(0, 159) + "…" : shown;
  }

  function renderRows(results) {
    var heads = Array.prototype.slice.call(table.querySelectorAll("thead th"));
    var body = document.createElement("tbody");
    results.forEach(function (record) {
      var row = body.insertRow();
      heads.forEach(function (head) {
        var td = row.insertCell();
        var type = head.dataset.type;
        if (type === "int" || type === "double") td.className = "num";
        td.textContent = cell(record[head.dataset.field], type);
      });
    });
    table.replaceChild(body, table.tBodies[0]);
  }

  function renderErrors(refused) {
    form.querySelectorAll("[data-field]").forEach(function (input) {
      var box = input.closest(".filter");
      var old = box.querySelector(".field-error");
      if (old) old.remove();
      var message = refused[input.dataset.field];
      box.classList.toggle("has-error", Boolean(message));
      var described = "filter-help";
      if (message) {
        var p = document.createElement("p");
        p.className = "field-error";
        p.id = input.id + "-error";
        p.textContent = message;
        box.appendChild(p);
        described += " " + p.id;
        input.setAttribute("aria-invalid", "true");
      } else {
        input.removeAttribute("aria-invalid");
      }
      if (input.tagName === "INPUT") input.setAttribute("aria-describedby", described);
    });
  }

  function renderLinks(twin) {
    twin.downloads.forEach(function (item) {
      var link = document.querySelector('#downloads a[data-format="' + item.format + '"]');
      if (link) link.href = item.url;
    });
    ["ods", "ckan", "curl", "python"].forEach(function (key) {
      var pre = document.getElementById("api-" + key);
      if (pre) pre.querySelector("code").textContent = twin.api[key];
    });
  }

  function renderSort() {
    table.querySelectorAll("thead th").forEach(function (head) {
      var name = head.dataset.field;
      var mark = head.querySelector(".sort-mark");
      if (!mark) return;
      var order = state.sort === name ? "ascending" : state.sort === "-" + name ? "descending" : null;
      if (order) head.setAttribute("aria-sort", order); else head.removeAttribute("aria-sort");
      mark.textContent = order === "ascending" ? "▲" : order === "descending" ? "▼" : "↕";
      head.querySelector(".sort-hint").textContent = " — " + (order === "ascending"
        ? config.messages.sortDescending : config.messages.sortAscending);
    });
  }

  function renderPages(total) {
    if (!pages) return;
    var params = filterParams();
    var last = Math.max(1, Math.min(Math.ceil(total / config.pageSize), 10000 / config.pageSize));
    var list = pages.querySelector("ul");
    list.textContent = "";
    [1, 2, 3, last].filter(function (n, i, all) { return n <= last && all.indexOf(n) === i; })
      .forEach(function (n) {
        var li = document.createElement("li");
        var node = document.createElement(n === 1 ? "span" : "a");
        if (n === 1) node.setAttribute("aria-current", "page");
        else { params.set("page", n); node.href = "?" + params.toString() + "#donnees"; }
        node.textContent = n;
        li.appendChild(node);
        list.appendChild(li);
      });
  }

  function refresh() {
    var serial = ++state.serial;
    var params = filterParams();
    table.classList.add("loading");
    status.textContent = config.messages.loading;
    fetch("/datasets/" + encodeURIComponent(config.slug) + ".json?" + params.toString())
      .then(function (answer) { return answer.json(); })
      .then(function (twin) {
        var api = new URLSearchParams();
        twin.query.where.forEach(function (clause) { api.append("where", clause); });
        if (twin.query.orderBy) api.set("order_by", twin.query.orderBy);
        api.set("limit", config.pageSize);
        return fetch(config.api + "/records?" + api.toString())
          .then(function (answer) {
            if (!answer.ok) return answer.json().then(function (e) { throw new Error(e.message); });
            return answer.json();
          })
          .then(function (page) { return { twin: twin, page: page }; });
      })
      .then(function (both) {
        if (serial !== state.serial) return;
        var page = both.page;
        renderRows(page.results);
        renderErrors(both.twin.query.refused);
        renderLinks(both.twin);
        renderSort();
        renderPages(page.total_count);
        status.textContent = page.total_count
          ? text(config.messages.rows, { first: 1, last: page.results.length,
              total: numberFormat.format(page.total_count) })
          : config.messages.none;
        history.replaceState(null, "", "?" + params.toString() + location.hash);
        window.territoriaDataset.where = both.twin.query.where;
        window.territoriaDataset.orderBy = both.twin.query.orderBy;
        document.dispatchEvent(new CustomEvent("dataset:query", { detail: both.twin.query }));
      })
      .catch(function (error) { status.textContent = config.messages.error + " " + error.message; })
      .finally(function () { if (serial === state.serial) table.classList.remove("loading"); });
  }

  function later() {
    clearTimeout(state.timer);
    state.timer = setTimeout(refresh, 300);
  }

  form.addEventListener("input", later);
  form.addEventListener("change", later);
  form.addEventListener("submit", function (event) { event.preventDefault(); refresh(); });
  table.querySelectorAll(".sort-link").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var name = link.closest("th").dataset.field;
      state.sort = state.sort === name ? "-" + name : name;
      refresh();
    });
  });
  document.querySelectorAll(".copy-button").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var code = document.getElementById(button.dataset.copy).textContent;
      var done = function () { button.firstChild.textContent = config.messages.copied; };
      if (navigator.clipboard) navigator.clipboard.writeText(code).then(done, function () {});
    });
  });
})();
