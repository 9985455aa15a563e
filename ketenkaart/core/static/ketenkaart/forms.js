// After a submit with errors, focus moves to the error summary at the top of the form, so a
// screen reader reads it first and a keyboard user starts from its links (NL Design System,
// form error summary; WCAG 3.3.1). Without JavaScript the summary is still the first thing.
(function () {
  "use strict";
  function focusSummary() {
    var summary = document.querySelector(".kk-error-summary");
    if (summary) { summary.focus(); }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusSummary);
  } else {
    focusSummary();
  }
})();
