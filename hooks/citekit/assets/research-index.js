/* Filter and sort for the research index ("Forskning og kilder").
 *
 * The list is in the page for readers without JavaScript (paginated for large libraries).
 * With JavaScript, the form appears and searches the whole catalogue, katalog.js, which is
 * loaded as a <script> rather than fetched, so it also works from disk (file://). Results
 * are built with DOM methods, never innerHTML, so no field can inject markup.
 */
(function () {
  "use strict";

  var MAX_SHOWN = 200;
  var ORDERS = {
    author: function (a, b) { return a.order - b.order; },
    newest: function (a, b) { return (b.year || "0").localeCompare(a.year || "0") || a.order - b.order; },
    oldest: function (a, b) { return (a.year || "9999").localeCompare(b.year || "9999") || a.order - b.order; },
    cited: function (a, b) { return b.cited - a.cited || a.order - b.order; },
    type: function (a, b) { return a.kind.localeCompare(b.kind, "nb") || a.order - b.order; }
  };

  function loadCatalogue(url, done) {
    if (window.kbCatalogue) { done(window.kbCatalogue); return; }
    var script = document.createElement("script");
    script.src = url;
    script.onload = function () { done(window.kbCatalogue || []); };
    document.head.appendChild(script);
  }

  function words(text) {
    return text.toLocaleLowerCase("nb").split(/\s+/).filter(Boolean);
  }

  function item(record, base) {
    var li = document.createElement("li");
    li.className = "kb-work";
    li.setAttribute("data-kb-key", record.key);
    var label = document.createElement("span");
    label.className = "kb-work-label";
    label.textContent = record.label;
    var link = document.createElement("a");
    link.className = "kb-work-title";
    link.href = new URL(record.href, base).href;
    link.textContent = record.title;
    var meta = document.createElement("span");
    meta.className = "kb-work-meta";
    meta.textContent = [record.kind, record.publisher, record.count].filter(Boolean).join(" · ");
    li.append(label, " ", link, " ", meta);
    return li;
  }

  function noun(count) { return count === 1 ? "kilde" : "kilder"; }

  function init() {
    var form = document.querySelector("[data-kb-filter]");
    var index = document.querySelector("[data-kb-index]");
    if (!form || !index) { return; }
    var input = form.querySelector("#kb-filter-input");
    var sort = form.querySelector("#kb-sort");
    var status = form.querySelector("#kb-filter-status");
    var list = index.querySelector("ol.kb-works");
    var pagination = document.querySelector(".kb-pagination");
    var serverList = Array.prototype.slice.call(list.children);
    var base = new URL(index.getAttribute("data-kb-catalogue"), document.baseURI);
    var announce = null;

    loadCatalogue(base.href, function (records) {
      form.addEventListener("submit", function (event) { event.preventDefault(); });

      function update() {
        var query = words(input.value);
        var matches = records.filter(function (record) {
          return query.every(function (word) { return record.text.indexOf(word) !== -1; });
        }).sort(ORDERS[sort.value] || ORDERS.author);
        var untouched = query.length === 0 && sort.value === "author";
        list.replaceChildren.apply(list, untouched ? serverList
          : matches.slice(0, MAX_SHOWN).map(function (record) { return item(record, base); }));
        if (pagination) { pagination.hidden = !untouched; }
        var message;
        if (query.length === 0) {
          message = records.length + " " + noun(records.length) + ".";
        } else if (matches.length === 0) {
          message = "Ingen kilder passer til «" + input.value.trim() + "».";
        } else {
          message = matches.length + " av " + records.length + " " + noun(records.length) +
            " passer til «" + input.value.trim() + "».";
          if (matches.length > MAX_SHOWN) { message += " Viser de " + MAX_SHOWN + " første."; }
        }
        // Announce once the reader pauses, so a screen reader does not read every keystroke.
        window.clearTimeout(announce);
        announce = window.setTimeout(function () { status.textContent = message; }, 250);
      }

      input.addEventListener("input", update);
      sort.addEventListener("change", update);
      if (input.value || sort.value !== "author") { update(); }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
