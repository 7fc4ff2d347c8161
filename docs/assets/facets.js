/*
 * Filters of the overview pages (practices, projects, events), in place and without a server.
 *
 * The page holds the full list; each item carries its values as data attributes
 * (data-topics="klimawandel gemeinwohl"). The form (hidden until this script runs, so that a
 * reader without JavaScript gets the full list and no dead form) has one <select> per facet.
 * The state lives in the query string (?thema=klimawandel&jahr=2022), so a filtered list can be
 * shared and reloaded; the count is announced in a polite live region: „12 von 18 Praxisbeispielen“.
 * On a phone the fields fold behind one button that says how many filters are set („Filter (2 aktiv)“);
 * the count sits beside it, above the fields and the list, so a change shows without scrolling.
 */
(function () {
  "use strict";

  function tokens(element, key) {
    return (element.getAttribute("data-" + key) || "").split(/\s+/).filter(Boolean);
  }

  function hasOption(select, value) {
    return Array.prototype.some.call(select.options, function (option) {
      return option.value === value;
    });
  }

  function setUp(form) {
    var container = document.getElementById(form.getAttribute("data-hub-facets"));
    if (!container) {
      return;
    }
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-hub-facet]"));
    var status = form.querySelector("[data-hub-status]");
    var toggle = form.querySelector("[data-hub-toggle]");
    var noun = form.getAttribute("data-hub-noun");

    function items() {
      // Looked up each time: events.js may have moved the items into other lists.
      return Array.prototype.slice.call(container.querySelectorAll("[data-hub-item]"));
    }

    function readUrl() {
      var params = new URLSearchParams(window.location.search);
      selects.forEach(function (select) {
        var value = params.get(select.name) || "";
        select.value = hasOption(select, value) ? value : "";
      });
    }

    function writeUrl() {
      var params = new URLSearchParams(window.location.search);
      selects.forEach(function (select) {
        if (select.value) {
          params.set(select.name, select.value);
        } else {
          params.delete(select.name);
        }
      });
      var query = params.toString();
      var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
      window.history.replaceState(window.history.state, "", url);
    }

    function apply() {
      var all = items();
      var shown = 0;
      all.forEach(function (item) {
        var match = selects.every(function (select) {
          return !select.value || tokens(item, select.getAttribute("data-hub-facet")).indexOf(select.value) >= 0;
        });
        item.hidden = !match;
        if (match) {
          shown += 1;
        }
      });
      var groups = Array.prototype.slice.call(container.querySelectorAll("[data-hub-group]"));
      if (container.hasAttribute("data-hub-group")) {
        groups.push(container);
      }
      groups.forEach(function (group) {
        var empty = group.querySelector("[data-hub-empty]");
        if (empty) {
          var visible = Array.prototype.some.call(group.querySelectorAll("[data-hub-item]"), function (item) {
            return !item.hidden;
          });
          empty.hidden = visible;
        }
      });
      status.textContent = shown + " von " + all.length + " " + noun;
      var active = selects.filter(function (select) {
        return select.value;
      }).length;
      toggle.textContent = active ? "Filter (" + active + " aktiv)" : "Filter";
    }

    // Folded (phones only, hub-features.css) until the reader opens it; open, the bar stays in view.
    toggle.addEventListener("click", function () {
      var open = !form.hasAttribute("data-open");
      form.toggleAttribute("data-open", open);
      toggle.setAttribute("aria-expanded", String(open));
    });

    form.addEventListener("change", function () {
      apply();
      writeUrl();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      apply();
      writeUrl();
    });
    form.querySelector("[data-hub-reset]").addEventListener("click", function () {
      selects.forEach(function (select) {
        select.value = "";
      });
      apply();
      writeUrl();
    });
    // Sorting events by date happens in events.js; it asks for the filter to be applied again.
    container.addEventListener("hub:items-moved", apply);

    form.hidden = false;
    readUrl();
    apply();
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-hub-facets]"), setUp);
})();
