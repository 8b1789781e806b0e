/* Kunnskapsbasen: Norwegian inflection and compounds in Material's search.
 *
 * Material sends every typed word to lunr as a prefix query ("lønnstilskuddet*"), and lunr
 * skips the stemmer for wildcard terms. The index holds stems ("lønnstilskudd"), so a
 * definite, plural or genitive form finds nothing. Here, in the search worker, right after
 * lunr's Norwegian support has loaded:
 *   1. wildcard terms go through the search pipeline too;
 *   2. a pipeline step stems the word before its "*" and also asks for it inside longer
 *      words ("*avtal*"), so "avtale" finds "samarbeidsavtale".
 */
(function (lunr) {
  "use strict";
  if (!lunr || !lunr.no || lunr.no.kbPrefixStemming) { return; }

  var MIN_INFIX = 5; // shorter stems inside other words would match too much

  function stem(word) {
    return lunr.no.stemmer(new lunr.Token(word, {})).toString();
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

  var query = lunr.Index.prototype.query;
  lunr.Index.prototype.query = function (build) {
    return query.call(this, function (q) {
      build.call(this, q);
      q.clauses.forEach(function (clause) {
        var term = clause.term;
        if (term.slice(-1) === "*" && term.indexOf("*") === term.length - 1) {
          clause.usePipeline = true;
        }
      });
    });
  };
})(self.lunr);
