/* Kunnskapsbasen: Norwegian inflection, compounds and the sector's words in Material's search.
 *
 * Material sends every typed word to lunr as a prefix query ("lønnstilskuddet*"), and lunr
 * skips the stemmer for wildcard terms; the index holds the words as written. Here, in the
 * search worker, right after lunr's Norwegian support has loaded (and self.KB_SEARCH, the
 * engine-neutral part in searchkit/assets/norwegian-query.js):
 *   1. wildcard terms go through the search pipeline too;
 *   2. stop words ("hvem", "for") are left out, unless nothing else was typed (lunr's stop
 *      word filter does not see them with their "*");
 *   3. a pipeline step stems the word before its "*" (and takes off "-ing") and also asks for it inside longer
 *      words ("*avtal*"), so "avtale" finds "samarbeidsavtale";
 *   4. the other words of a group in includes/terms.yml are asked for too ("NIR" finds
 *      "introduksjonsregisteret"), as optional terms;
 *   5. a word that no indexed word starts with or contains is asked for with one or two
 *      letters wrong ("kravspesifiksjon").
 */
(function (lunr) {
  "use strict";
  if (!lunr || !lunr.no || lunr.no.kbPrefixStemming) { return; }
  var kb = self.KB_SEARCH;

  var MIN_INFIX = 5; // shorter stems inside other words would match too much
  var MIN_FUZZY = 7; // shorter words have too many neighbours one letter away

  // The root of norwegian-query.js (Snowball's stemmer, the same as lunr.no.stemmer, and a
  // verbal noun's "-ing" off); lunr's own stemmer where that script is missing.
  function stem(word) {
    return kb ? kb.root(word) : lunr.no.stemmer(new lunr.Token(word, {})).toString();
  }

  function prefixStemmer(token) {
    var text = token.toString();
    var word = text.slice(0, -1);
    if (text.slice(-1) !== "*" || !word || word.indexOf("*") !== -1) { return token; }
    var stemmed = stem(word);
    var terms = [token.clone(function () { return stemmed + "*"; })];
    if (stemmed.length >= MIN_INFIX) {
      terms.push(token.clone(function () { return "*" + stemmed + "*"; }));
    }
    return terms;
  }
  lunr.Pipeline.registerFunction(prefixStemmer, "kb-prefix-stemmer-no");

  var setUp = lunr.no;
  lunr.no = function () {
    setUp.call(this);
    if (this.searchPipeline) { this.searchPipeline.add(prefixStemmer); }
  };
  Object.keys(setUp).forEach(function (name) { lunr.no[name] = setUp[name]; });
  lunr.no.kbPrefixStemming = true;

  function known(index, stemmed) {
    var terms = index.kbTerms || (index.kbTerms = Object.keys(index.invertedIndex));
    for (var i = 0; i < terms.length; i++) {
      if (terms[i].indexOf(stemmed) !== -1) { return true; }
    }
    return false;
  }

  var query = lunr.Index.prototype.query;
  lunr.Index.prototype.query = function (build) {
    var index = this;
    return query.call(this, function (q) {
      build.call(this, q);
      var typed = [];
      var content = q.clauses.filter(function (clause) {
        return !(kb && kb.isStopWord(clause.term.replace(/\*$/, "").toLowerCase()));
      });
      if (content.length) { q.clauses = content; }
      q.clauses.forEach(function (clause) {
        var term = clause.term;
        if (term.slice(-1) === "*" && term.indexOf("*") === term.length - 1) {
          clause.usePipeline = true;
          var word = term.slice(0, -1).toLowerCase();
          if (word && !(kb && kb.isStopWord(word))) { typed.push({ word: word, clause: clause }); }
        }
      });
      if (!kb) { return; }
      kb.slots(typed.map(function (t) { return t.word; })).forEach(function (slot) {
        slot.alternatives.slice(1).forEach(function (phrase) {
          phrase.forEach(function (word) {
            q.clause({ term: word, wildcard: lunr.Query.wildcard.TRAILING, usePipeline: true,
                       presence: lunr.Query.presence.OPTIONAL, fields: typed[slot.start].clause.fields });
          });
        });
      });
      typed.forEach(function (t) {
        if (t.word.length >= MIN_FUZZY && !known(index, stem(t.word))) {
          q.clause({ term: t.word, editDistance: t.word.length >= 10 ? 2 : 1, usePipeline: false,
                     wildcard: lunr.Query.wildcard.NONE, presence: lunr.Query.presence.OPTIONAL,
                     fields: t.clause.fields });
        }
      });
    });
  };
})(self.lunr);
