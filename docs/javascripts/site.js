/* Small behaviours of the knowledge base's own pages. Nothing here sends data anywhere. */
(function () {
  "use strict";

  /* Checklists a team can work through on screen: ticks are kept in this browser only
   * (localStorage, per page). */
  function checklists() {
    var boxes = document.querySelectorAll(".task-list-item input[type=checkbox]");
    if (!boxes.length) { return; }
    var key = "kb-sjekkliste:" + location.pathname;
    var saved = {};
    try { saved = JSON.parse(localStorage.getItem(key) || "{}"); } catch (error) { saved = {}; }
    boxes.forEach(function (box, index) {
      box.checked = saved[index] === true;
      box.addEventListener("change", function () {
        saved[index] = box.checked;
        try { localStorage.setItem(key, JSON.stringify(saved)); } catch (error) { /* private mode */ }
      });
    });
  }

  /* A wide table scrolls sideways on a phone; keyboard users must be able to reach it
   * (WCAG 2.1.1). Material only makes scrolling regions focusable on devices with hover. */
  function scrollableTables() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      var table = wrap.querySelector("table");
      var heading = table && table.querySelector("th");
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", "Tabell" + (heading ? ": " + heading.textContent.trim() : "") +
        " (kan rulles sidelengs)");
    });
  }

  function ready() { checklists(); scrollableTables(); }
  // Material wraps tables when its own script has set up the page: wait for that.
  if (window.document$) { window.document$.subscribe(ready); } else { document.addEventListener("DOMContentLoaded", ready); }
})();
