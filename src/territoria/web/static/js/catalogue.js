// Catalogue: the sort choice applies at once (the form's button still works without JS).
(function () {
  "use strict";
  var form = document.getElementById("catalogue-form");
  var sort = document.getElementById("catalogue-sort");
  if (!form || !sort) return;
  sort.addEventListener("change", function () { form.submit(); });
})();
