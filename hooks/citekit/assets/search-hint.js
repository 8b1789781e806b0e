/* Kunnskapsbasen: when the search finds nothing, say where else to look.
 *
 * Under the search dialog's "Ingen treff" (Material) or "No results" (Zensical, which draws
 * its dialog in a shadow root): a line that points to the glossary, which explains the
 * sector's words and links to the pages that use them, and to the research index. Both
 * engines; the links are the site's own (the base URL from the theme's __config).
 */
(function () {
  "use strict";
  var HINT_CLASS = "kb-search-hint";

  function config() {
    try { return JSON.parse(document.getElementById("__config").textContent) || {}; } catch (error) { return {}; }
  }

  function base() {
    var href = config().base || ".";
    return new URL(href.replace(/\/?$/, "/"), document.baseURI || location.href).href;
  }

  function hint(query) {
    var root = base();
    var line = document.createElement("p");
    line.className = HINT_CLASS;
    line.setAttribute("role", "note");
    line.style.margin = "0.8em 1.2em";
    line.append("Ingen treff på «" + query + "». Prøv et annet ord, slå opp i ");
    var glossary = document.createElement("a");
    glossary.href = root + "verktoy/ordliste/";
    glossary.textContent = "ordlisten";
    var research = document.createElement("a");
    research.href = root + "forskning/";
    research.textContent = "Forskning og kilder";
    line.append(glossary, " eller let i ", research, ".");
    return line;
  }

  // Material: the list, its status line and the box are in the page.
  function material() {
    var input = document.querySelector("input.md-search__input");
    var meta = document.querySelector(".md-search-result__meta");
    if (!input || !meta) { return; }
    var none = input.value.trim() && !document.querySelector("li.md-search-result__item") &&
      meta.textContent.trim() === ((config().translations || {})["search.result.none"] || "Ingen treff");
    var shown = meta.parentNode.querySelector("." + HINT_CLASS);
    if (none && !shown) {
      meta.after(hint(input.value.trim()));
    } else if (!none && shown) {
      shown.remove();
    } else if (none && shown && shown.dataset.query !== input.value.trim()) {
      shown.replaceWith(hint(input.value.trim()));
    }
    shown = meta.parentNode.querySelector("." + HINT_CLASS);
    if (shown) { shown.dataset.query = input.value.trim(); }
  }

  // Zensical: the dialog is drawn in a shadow root on an element of <body>.
  function zensical(root) {
    var input = root.querySelector("input");
    var status = root.querySelector("[role=status]");
    var list = root.querySelector("ol[role=listbox]");
    if (!input || !status || !list) { return; }
    var query = input.value.trim();
    var none = query && !list.querySelector("a[role=option]") && status.textContent.trim();
    var shown = root.querySelector("." + HINT_CLASS);
    if (shown && (!none || shown.dataset.query !== query)) { shown.remove(); shown = null; }
    if (none && !shown) {
      var line = hint(query);
      line.dataset.query = query;
      line.style.color = "inherit";
      status.after(line);
    }
  }

  var watched = new WeakSet();
  function check() {
    material();
    Array.prototype.forEach.call(document.body.children, function (element) {
      var root = element.shadowRoot;
      if (!root || !root.querySelector("dialog")) { return; }
      if (!watched.has(root)) {
        watched.add(root);
        new MutationObserver(function () { zensical(root); })
          .observe(root, { childList: true, subtree: true, characterData: true });
        root.addEventListener("input", function () { zensical(root); }, true);
      }
      zensical(root);
    });
  }

  new MutationObserver(check).observe(document.body, { childList: true, subtree: true, characterData: true });
  document.addEventListener("input", check, true);
  check();
})();
