/* Kunnskapsbasen: Norwegian inflection, compounds and the sector's words in Zensical's search.
 *
 * Zensical's search worker matches every typed word as a prefix of the pages' words, all
 * words required, with no stemmer and no stop words for Norwegian (it takes the language from
 * theme.language and has no pipeline to extend). This script runs in that worker, after it,
 * with self.KB_SEARCH (searchkit/assets/norwegian-query.js), and rewrites each query before
 * the worker sees it, as a tree of the worker's own query syntax:
 *   - stop words ("hvem", "for") are left out, unless nothing else was typed;
 *   - each word is asked for by its root ("lønnstilskudd" for "lønnstilskuddet"), which the
 *     worker's prefix match extends to every form on the pages, or by any indexed word that
 *     holds the stem inside it ("samarbeidsavtale" for "avtale");
 *   - the other words of a group in includes/terms.yml count as the typed word ("NIR" or
 *     "introduksjonsregisteret");
 *   - if no section holds every word, the worker is asked again for sections holding any.
 * Misspellings are the worker's own business: a stem no word starts with is matched fuzzily.
 */
(function () {
  "use strict";
  var kb = self.KB_SEARCH;
  var worker = self.onmessage;
  var post = self.postMessage.bind(self);
  if (!kb || typeof worker !== "function") { return; }

  var MIN_INFIX = 5;  // shorter stems inside other words would match too much
  var MAX_INFIX = 40; // indexed words asked for in place of one typed word
  var terms = [];     // the index's words, as the worker transforms them
  var separator = /[\s\-]+/u;
  var retry = null;   // the same query with "any word" instead of "every word"

  function transform(text) { return text.normalize("NFKD").toLowerCase(); }

  function learn(index) {
    if (index.config && index.config.separator) { separator = new RegExp(index.config.separator, "u"); }
    var seen = {};
    (index.items || []).forEach(function (item) {
      [item.title, item.text].forEach(function (field) {
        String(field || "").replace(/<[^>]*>/g, " ").split(separator).forEach(function (word) {
          if (word) { seen[transform(word)] = true; }
        });
      });
    });
    terms = Object.keys(seen);
  }

  function value(data, type, range) {
    return { type: "value", data: { field: "*", value: type ? { type: type, data: data } : data, range: range } };
  }

  function operator(name, operands) {
    return operands.length === 1 ? operands[0] : { type: "operator", data: { operator: name, operands: operands } };
  }

  // One word: its stem as a prefix, and the indexed words that hold the stem inside them.
  function word(text, range) {
    var stemmed = transform(kb.root(text));
    var found = [value(stemmed || transform(text), "prefix", range)];
    if (stemmed.length >= MIN_INFIX) {
      for (var i = 0; i < terms.length && found.length <= MAX_INFIX; i++) {
        if (terms[i].indexOf(stemmed) > 0) { found.push(value(terms[i], null, range)); }
      }
    }
    return operator("or", found);
  }

  function tree(input, join) {
    var typed = [], ranges = [], re = new RegExp(separator.source, "gu"), start = 0, match;
    function add(end) {
      var text = input.slice(start, end);
      if (text) {
        typed.push(text.toLowerCase());
        ranges.push({ start: start, end: end, value: typed.length - 1 });
      }
    }
    while ((match = re.exec(input)) !== null) {
      add(match.index);
      start = match.index + match[0].length;
      if (match[0].length === 0) { re.lastIndex++; }
    }
    add(input.length);
    var kept = [];
    typed.forEach(function (text, i) { if (!kb.isStopWord(text)) { kept.push(i); } });
    if (!kept.length) { kept = typed.map(function (_, i) { return i; }); }
    var slots = kb.slots(kept.map(function (i) { return typed[i]; }));
    return operator(join, slots.map(function (slot) {
      var range = ranges[kept[slot.start]];
      return operator("or", slot.alternatives.map(function (phrase) {
        return operator("and", phrase.map(function (text) { return word(text, range); }));
      }));
    }));
  }

  self.onmessage = function (event) {
    var message = event.data;
    if (message && message.type === 0 && message.data) { learn(message.data); }
    if (message && message.type === 2 && message.data && typeof message.data.input === "string" &&
        message.data.input.trim()) {
      var input = message.data.input;
      retry = { type: 2, data: Object.assign({}, message.data, { input: tree(input, "or") }) };
      message = { type: 2, data: Object.assign({}, message.data, { input: tree(input, "and") }) };
    } else if (message && message.type === 2) {
      retry = null;
    }
    return worker.call(self, { data: message });
  };

  self.postMessage = function (reply) {
    var again = retry;
    retry = null;
    if (again && reply && reply.type === 3 && reply.data && reply.data.items && !reply.data.items.length) {
      return worker.call(self, { data: again });
    }
    return post(reply);
  };
})();
