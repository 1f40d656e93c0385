// The tracker's own behaviour, kept out of the pages: the Content-Security-Policy runs no
// inline script and no on…="…" handler.
"use strict";

// "Print" buttons (urging letters, reports) carry data-print.
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});

// A form whose action has consequences carries data-confirm: the sentence naming them is
// asked before it is sent (closing or publishing a period, a bulk action, deleting).
document.addEventListener("submit", function (event) {
  var form = event.target.closest("form[data-confirm]");
  if (form && !window.confirm(form.getAttribute("data-confirm"))) {
    event.preventDefault();
  }
});
