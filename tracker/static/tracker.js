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
// The bulk bar's sentence names the action chosen and how many items are selected.
function confirmation(form) {
  var text = form.getAttribute("data-confirm");
  var action = form.querySelector("select[name=action]");
  if (action && form.id) {
    var selected = document.querySelectorAll("input[name=selected][form='" + form.id + "']:checked");
    text = text.replace("{action}", action.options[action.selectedIndex].text)
      .replace("{count}", String(selected.length));
  }
  return text;
}

document.addEventListener("submit", function (event) {
  var form = event.target.closest("form[data-confirm]");
  if (form && !window.confirm(confirmation(form))) {
    event.preventDefault();
  }
});

// Pickers: a <select data-picker> (people grouped by agency, agencies) becomes a searchable
// list (Tom Select, vendored). Typing a few letters without diacritics finds the name:
// "nguyen van hai" finds "Nguyễn Văn Hải", "duc" finds "Đức".
function fold(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
}

// A picker with data-lookup has too many people to carry in the page: it asks the lookup for
// the names matching what is typed (two letters at least), and holds only the one chosen.
function lookupSettings(address) {
  return {
    shouldLoad: function (query) { return fold(query).replace(/\s/g, "").length >= 2; },
    load: function (query, callback) {
      var url = address + (address.indexOf("?") === -1 ? "?" : "&") + "q=" + encodeURIComponent(query);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { people: [] }; })
        .then(function (data) { callback(data.people); })
        .catch(function () { callback(); });
    },
  };
}

document.addEventListener("DOMContentLoaded", function () {
  if (typeof window.TomSelect !== "function") {
    return;
  }
  document.querySelectorAll("select[data-picker]").forEach(function (select) {
    var multiple = select.multiple;
    var settings = {
      plugins: multiple ? ["remove_button"] : [],
      maxOptions: null,
      allowEmptyOption: true,
      // Our own matching: every word typed, diacritics and case ignored, anywhere in the name.
      score: function (search) {
        var words = fold(search).split(/\s+/).filter(Boolean);
        return function (option) {
          var text = fold(option.text || "");
          return words.every(function (word) { return text.indexOf(word) !== -1; }) ? 1 : 0;
        };
      },
    };
    var lookup = select.getAttribute("data-lookup");
    new window.TomSelect(select, lookup ? Object.assign(settings, lookupSettings(lookup)) : settings);
  });
});
