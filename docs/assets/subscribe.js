/*
 * Subscribing, made easy (an enhancement: every address can be selected and copied by hand).
 *
 * - Copy buttons: each address has its own button (hidden until this script runs and the browser
 *   offers the clipboard); a polite live region says „Adresse kopiert“.
 * - The state of the initiative: the sentence shows while no event lies ahead of the reader's day
 *   (data-hub-until: the last day of the last event).
 * - „Diese Auswahl abonnieren“ under an overview's filter: the addresses of the feeds (and calendar)
 *   of exactly the chosen selection, named by its facet values in the order of the form, as
 *   outputs/selections.py names the files. Only selections the rule of feeds allows have files
 *   (views/subscriptions.py; each select says its filter's role in data-hub-feed): for any other the
 *   box offers the feed of the filters the rule keeps – the first in the form's order, and a second
 *   that pairs with it – and names those it leaves out.
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

    function matches(chosen) {
      return Array.prototype.some.call(list.querySelectorAll("[data-hub-item]"), function (item) {
        return chosen.every(function (select) {
          var values = (item.getAttribute("data-" + select.getAttribute("data-hub-facet")) || "").split(/\s+/);
          return values.indexOf(select.value) >= 0;
        });
      });
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

    function role(select) {
      return select.getAttribute("data-hub-feed");
    }

    // the pairs outputs/selections.py writes (views/subscriptions.paired)
    function paired(first, second) {
      var roles = [role(first), role(second)];
      var usable = roles.every(function (r) {
        return r === "open" || r === "fixed";
      });
      return usable && roles.indexOf("fixed") >= 0;
    }

    function named(wanted) {
      return selects
        .filter(function (select) {
          return role(select) === wanted;
        })
        .map(function (select) {
          var label = form.querySelector('label[for="' + select.id + '"]');
          return label ? label.textContent.trim() : select.name;
        })
        .join(" und ");
    }

    // the rule, in the words of this form: „nicht nach Jahr, Kommune nur allein, Thema und Förderrunde nicht zusammen“
    function rule() {
      var parts = [];
      if (named("none")) {
        parts.push("nicht nach " + named("none"));
      }
      if (named("alone")) {
        parts.push(named("alone") + " nur allein");
      }
      if (named("open").indexOf(" und ") > 0) {
        parts.push(named("open") + " nicht zusammen");
      }
      return "Einen Feed gibt es für einen Filter oder zwei, die zusammenpassen (" + parts.join(", ") + ").";
    }

    function kept(chosen) {
      var used = [];
      chosen.forEach(function (select) {
        if (role(select) === "none" || used.length === 2) {
          return;
        }
        if (!used.length || paired(used[0], select)) {
          used.push(select);
        }
      });
      return used;
    }

    function update() {
      var chosen = selects.filter(function (select) {
        return select.value;
      });
      var used = kept(chosen);
      var left = chosen.filter(function (select) {
        return used.indexOf(select) < 0;
      });
      var why = left.length ? " " + rule() + " Diese Adressen bringen sie ohne " + left.map(describe).join(", ") + "." : "";
      addresses.hidden = false;
      if (!used.length) {
        text.textContent = (chosen.length ? "Alle " : "Ohne Filter: alle ") + plural + "." + why;
        show("");
        return;
      }
      if (!matches(used)) {
        text.textContent = "Zu dieser Auswahl gibt es noch keine " + plural + " und daher keinen Feed.";
        addresses.hidden = true;
        return;
      }
      var name = used
        .map(function (select) {
          return select.name + "-" + select.value;
        })
        .join("+");
      text.textContent = "Auswahl: " + used.map(describe).join(" · ") + "." + why;
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
