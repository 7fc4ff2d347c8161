/*
 * Upcoming and past events, by the reader's own date: a static build never goes stale.
 *
 * The page lists all events newest first (what a reader without JavaScript gets). This script
 * moves each item into „Kommende Veranstaltungen“ (ending today or later; soonest first) or
 * „Vergangene Veranstaltungen“ (newest first), shows those sections and hides the full list.
 * Items carry data-start and data-end (ISO dates, Berlin time) and a <time datetime> for readers.
 */
(function () {
  "use strict";

  function today() {
    var now = new Date();
    var month = String(now.getMonth() + 1).padStart(2, "0");
    var day = String(now.getDate()).padStart(2, "0");
    return now.getFullYear() + "-" + month + "-" + day;
  }

  function setUp(container) {
    var all = container.querySelector('[data-hub-when="all"]');
    var upcoming = container.querySelector('[data-hub-when="upcoming"]');
    var past = container.querySelector('[data-hub-when="past"]');
    if (!all || !upcoming || !past) {
      return;
    }
    var items = Array.prototype.slice.call(all.querySelectorAll("[data-hub-item]"));
    var date = today();
    var soon = items.filter(function (item) {
      return item.getAttribute("data-end") >= date;
    });
    var gone = items.filter(function (item) {
      return item.getAttribute("data-end") < date;
    });
    soon.sort(function (a, b) {
      return a.getAttribute("data-start") < b.getAttribute("data-start") ? -1 : 1;
    });
    var upcomingList = upcoming.querySelector("[data-hub-list]");
    var pastList = past.querySelector("[data-hub-list]");
    soon.forEach(function (item) {
      upcomingList.appendChild(item);
    });
    gone.forEach(function (item) {
      pastList.appendChild(item); // already newest first
    });
    upcoming.querySelector("[data-hub-empty]").hidden = soon.length > 0;
    past.querySelector("[data-hub-empty]").hidden = gone.length > 0;
    upcoming.hidden = false;
    past.hidden = false;
    all.hidden = true;
    container.dispatchEvent(new CustomEvent("hub:items-moved"));
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-hub-events]"), setUp);
})();
