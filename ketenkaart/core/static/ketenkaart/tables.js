// Narrow screens show each table row as a stack of "label: value" lines (see theme.css).
// This gives every cell the text of its column header as that label; without JavaScript the
// rows still stack, only without the labels.
(function () {
  "use strict";
  function label(table) {
    var headers = Array.prototype.map.call(
      table.querySelectorAll("thead th"),
      function (th) { return th.textContent.trim(); }
    );
    if (!headers.length) { return; }
    table.classList.add("kk-table--labelled");
    Array.prototype.forEach.call(table.querySelectorAll("tbody tr, tfoot tr"), function (row) {
      Array.prototype.forEach.call(row.children, function (cell, index) {
        if (headers[index] && !cell.hasAttribute("data-label")) {
          cell.setAttribute("data-label", headers[index]);
        }
      });
    });
  }
  function all(root) {
    Array.prototype.forEach.call((root || document).querySelectorAll("table.kk-table"), label);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { all(); });
  } else {
    all();
  }
  // Partial updates (htmx) bring new rows.
  document.addEventListener("htmx:afterSettle", function (event) { all(event.target); });
})();
