// The tracker's own behaviour, kept out of the pages: the Content-Security-Policy runs no
// inline script and no on…="…" handler.
"use strict";

// "Print" buttons (urging letters, reports) carry data-print.
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});
