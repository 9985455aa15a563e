// The calculator updates as you type: the form is posted to the preview endpoint and the
// result region (aria-live) is replaced. Without JavaScript the "Bereken" button does the same.
(function () {
  "use strict";
  var form = document.querySelector("form[data-preview-url]");
  var target = document.getElementById("uitkomst");
  if (!form || !target || !window.fetch || !window.FormData) {
    return;
  }
  var timer = null;
  function update() {
    fetch(form.getAttribute("data-preview-url"), {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (html !== null) {
          target.innerHTML = html;
        }
      })
      .catch(function () {});
  }
  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(update, 400);
  }
  form.addEventListener("input", later);
  form.addEventListener("change", later);
})();
