/*
 * Subscribing, made easy (an enhancement: every address can be selected and copied by hand).
 *
 * - Copy buttons: each address has its own button (hidden until this script runs and the browser
 *   offers the clipboard); a polite live region says „Adresse kopiert“.
 * - The state of the initiative: the sentence shows while no event lies ahead of the reader's day
 *   (data-hub-until: the last day of the last event).
 * - „Diese Auswahl abonnieren“ under an overview's filter: the addresses of the feeds (and calendar)
 *   of exactly the chosen selection, named by its facet values in the order of the form, as
 *   outputs/selections.py names the files. Every selection of one or two filters that finds something
 *   has files; for three or more the box offers the nearest of them – the two chosen filters that
 *   leave the fewest entries in the list (the first such pair in the form's order) – and says which
 *   filters that feed leaves out.
 */
(function () {
  "use strict";

  var announcer = document.createElement("p");
  announcer.className = "md-visually-hidden hub-copy-status";
  announcer.setAttribute("role", "status");
  document.body.appendChild(announcer);

  function setUpCopy(button) {
    if (!navigator.clipboard || !window.isSecureContext) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var source = document.getElementById(button.getAttribute("data-hub-copy"));
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        button.textContent = "Kopiert";
        announcer.textContent = "Adresse kopiert: " + source.textContent.trim();
        window.setTimeout(function () {
          button.textContent = "Adresse kopieren";
        }, 2500);
      });
    });
  }

  function today() {
    var now = new Date();
    function two(n) {
      return (n < 10 ? "0" : "") + n;
    }
    return now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());
  }

  function setUpState(note) {
    var until = note.getAttribute("data-hub-until");
    note.hidden = Boolean(until) && until >= today();
  }

  function setUpSelection(section) {
    var target = section.getAttribute("data-hub-selection");
    var form = document.querySelector('form[data-hub-facets="' + target + '"]');
    var list = document.getElementById(target);
    if (!form || !list) {
      return;
    }
    var base = section.getAttribute("data-hub-base");
    var folder = section.getAttribute("data-hub-folder");
    var plural = section.getAttribute("data-hub-plural");
    var text = section.querySelector("[data-hub-selection-text]");
    var addresses = section.querySelector("[data-hub-selection-addresses]");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-hub-facet]"));
    var files = {};
    Array.prototype.forEach.call(section.querySelectorAll("[data-hub-selection-link]"), function (link) {
      files[link.getAttribute("data-hub-selection-link")] = link.getAttribute("href");
    });

    function describe(select) {
      var label = form.querySelector('label[for="' + select.id + '"]');
      return (label ? label.textContent.trim() + ": " : "") + select.options[select.selectedIndex].text;
    }

    // how many entries of the list a selection finds (facets.js filters the same way)
    function count(chosen) {
      return Array.prototype.filter.call(list.querySelectorAll("[data-hub-item]"), function (item) {
        return chosen.every(function (select) {
          var values = (item.getAttribute("data-" + select.getAttribute("data-hub-facet")) || "").split(/\s+/);
          return values.indexOf(select.value) >= 0;
        });
      }).length;
    }

    function show(name) {
      Object.keys(files).forEach(function (kind) {
        var file = name ? folder + name + (kind === "ics" ? ".ics" : "." + kind + ".xml") : files[kind];
        section.querySelector('[data-hub-selection-link="' + kind + '"]').setAttribute("href", file);
        section.querySelector('[data-hub-selection-url="' + kind + '"]').textContent = base + file;
        var webcal = section.querySelector("[data-hub-selection-webcal]");
        if (kind === "ics" && webcal) {
          webcal.setAttribute("href", "webcal://" + (base + file).split("://")[1]);
        }
      });
    }

    // the pair of chosen filters that leaves the fewest entries (but some): the nearest feed of two
    function nearest(chosen) {
      var best = null;
      var fewest = Infinity;
      chosen.forEach(function (first, i) {
        chosen.slice(i + 1).forEach(function (second) {
          var found = count([first, second]);
          if (found > 0 && found < fewest) {
            best = [first, second];
            fewest = found;
          }
        });
      });
      return best || chosen.slice(0, 2);
    }

    function update() {
      var chosen = selects.filter(function (select) {
        return select.value;
      });
      var used = chosen.length > 2 ? nearest(chosen) : chosen;
      var left = chosen.filter(function (select) {
        return used.indexOf(select) < 0;
      });
      addresses.hidden = false;
      if (!used.length) {
        text.textContent = "Ohne Filter: alle " + plural + ".";
        show("");
        return;
      }
      if (!count(used)) {
        text.textContent = "Zu dieser Auswahl gibt es noch keine " + plural + " und daher keinen Feed.";
        addresses.hidden = true;
        return;
      }
      var name = used
        .map(function (select) {
          return select.name + "-" + select.value;
        })
        .join("+");
      if (left.length) {
        text.textContent =
          "Einen eigenen Feed gibt es für einen oder zwei Filter. Diese Adressen gehören zur nächstliegenden Auswahl (" +
          used.map(describe).join(" · ") +
          "); sie bringen auch " + plural + ", die nicht zu " + left.map(describe).join(" und ") + " passen.";
      } else {
        text.textContent = "Auswahl: " + used.map(describe).join(" · ") + ".";
      }
      show(name);
    }

    form.addEventListener("change", update);
    form.addEventListener("click", function (event) {
      if (event.target.closest("[data-hub-reset]")) {
        window.setTimeout(update, 0);
      }
    });
    update();
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-hub-copy]"), setUpCopy);
  Array.prototype.forEach.call(document.querySelectorAll("[data-hub-state]"), setUpState);
  Array.prototype.forEach.call(document.querySelectorAll("[data-hub-selection]"), setUpSelection);
})();
