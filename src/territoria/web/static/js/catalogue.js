// Catalogue, live: ticking a facet or choosing a sort refreshes the facets and results in
// place (the server renders them: the page asked with the form's query), keeps the focus on
// the control, and updates the address and the announced result count. Without JavaScript
// the form's buttons do the same by reloading the page.
(function () {
  "use strict";
  var form = document.getElementById("catalogue-form");
  if (!form || !window.fetch || !window.DOMParser) return;
  var pending = null;

  function query() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (String(value).trim() !== "") params.append(key, value);
    });
    return params.toString();
  }

  function focusAgain(name, value) {
    var found = form.querySelectorAll("[name='" + name + "']");
    for (var i = 0; i < found.length; i++) {
      if (found[i].tagName === "SELECT" || found[i].value === value) { found[i].focus(); return; }
    }
  }

  function swap(html, changed) {
    var fresh = new DOMParser().parseFromString(html, "text/html");
    var count = document.getElementById("result-count");
    ["facets", "results"].forEach(function (name) {
      var now = form.querySelector("." + name);
      var next = fresh.querySelector("#catalogue-form ." + name);
      if (now && next) now.replaceWith(document.importNode(next, true));
    });
    var newCount = document.getElementById("result-count");
    if (count && newCount) {  // the live region stays the same node, so it is announced
      count.textContent = newCount.textContent;
      newCount.replaceWith(count);
    }
    bind();
    if (changed) focusAgain(changed.name, changed.value);
  }

  function refresh(changed) {
    var search = query();
    var url = "/datasets" + (search ? "?" + search : "");
    if (pending) pending.abort();
    pending = new AbortController();
    form.setAttribute("aria-busy", "true");
    fetch(url, { signal: pending.signal, headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (html) {
        history.replaceState(null, "", url);
        swap(html, changed);
        form.removeAttribute("aria-busy");
      })
      .catch(function (error) {
        if (error.name !== "AbortError") form.submit();  // the server's error page says why
      });
  }

  function bind() {
    form.querySelectorAll(".facet input[type=checkbox], #catalogue-sort").forEach(function (el) {
      el.addEventListener("change", function () { refresh({ name: el.name, value: el.value }); });
    });
  }

  bind();
})();
