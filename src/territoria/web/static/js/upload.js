// Upload wizard: drag-and-drop onto the file inputs. Without it, the inputs work as they are.
(function () {
  "use strict";
  document.querySelectorAll("[data-drop-zone]").forEach(function (zone) {
    var input = zone.querySelector('input[type="file"]');
    if (!input || typeof DataTransfer === "undefined") {
      return;
    }
    zone.querySelectorAll("[data-drop-only]").forEach(function (hint) {
      hint.hidden = false;
    });
    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (event) {
        event.preventDefault();
        zone.classList.add("dragging");
      });
    });
    ["dragleave", "drop"].forEach(function (name) {
      zone.addEventListener(name, function () {
        zone.classList.remove("dragging");
      });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      var files = event.dataTransfer && event.dataTransfer.files;
      if (files && files.length) {
        var chosen = new DataTransfer();
        chosen.items.add(files[0]);
        input.files = chosen.files;
        input.dispatchEvent(new Event("change", { bubbles: true }));
        input.focus();
      }
    });
  });
})();
