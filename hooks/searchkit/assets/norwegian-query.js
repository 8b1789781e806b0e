/* Kunnskapsbasen: what a Norwegian query means, for the search of either engine.
 *
 * Pure functions, no engine known; loaded in the search worker (Material's lunr worker or
 * Zensical's) after the sector's words (self.KB_SEARCH_TERMS, from includes/terms.yml):
 *   stem(word)         the Snowball stemmer for Norwegian (bokmål and nynorsk endings);
 *   root(word)         the stem, and a verbal noun's "-ing" off ("registrering" ->
 *                      "registrer", which "registrere" starts with), for prefix matching;
 *   isStopWord(word)   the Snowball stop list (both written forms);
 *   slots(words)       the query as slots: each slot is one or more of the typed words, with
 *                      its alternatives (the words themselves, and the other words of a group
 *                      in includes/terms.yml when the typed words are one of them).
 * Both engines index the pages' words as written and match a query word as a prefix, so the
 * stem of a typed word ("lønnstilskudd" of "lønnstilskuddet") finds every form on the pages.
 */
(function (scope) {
  "use strict";
  if (scope.KB_SEARCH) { return; }

  var VOWELS = "aeiouyæåø";
  var S_ENDING = "bcdfghjlmnoprtvyz";
  // Snowball's Norwegian suffixes, longest first within each step.
  var STEP1 = ["hetenes", "hetene", "hetens", "heten", "heter", "endes", "ende", "edes", "enes",
               "ande", "ede", "ane", "ene", "ens", "ers", "ets", "het", "ast", "en", "ar", "er",
               "as", "es", "et", "a", "e"];
  var STEP3 = ["hetslov", "eleg", "elig", "elov", "slov", "leg", "eig", "lig", "els", "lov", "ig"];
  var STOP = ("alle at av bare begge ble blei bli blir blitt både båe da de deg dei deim deira " +
    "deires dem den denne der dere deres det dette di din disse ditt du dykk dykkar då eg ein eit " +
    "eitt eller elles en enn er et ett etter for fordi fra før ha hadde han hans har hennar henne " +
    "hennes her hjå ho hoe honom hoss hossen hun hva hvem hver hvilke hvilken hvis hvor hvordan " +
    "hvorfor i ikke ikkje ingen ingi inkje inn inni ja jeg kan kom korleis korso kun kunne kva " +
    "kvar kvarhelst kven kvi kvifor man mange me med medan meg meget mellom men mi min mine mitt " +
    "mot mykje ned no noe noen noka noko nokon nokor nokre nå når og også om opp oss over på " +
    "samme seg selv si sia sidan siden sin sine sitt sjøl skal skulle slik so som somme somt så " +
    "sånn til um upp ut uten var vart varte ved vere verte vi vil ville vore vors vort vår være " +
    "vært å").split(" ");
  var STOP_SET = {};
  STOP.forEach(function (word) { STOP_SET[word] = true; });

  function isVowel(c) { return VOWELS.indexOf(c) !== -1; }

  function region1(word) {
    for (var i = 1; i < word.length; i++) {
      if (!isVowel(word[i]) && isVowel(word[i - 1])) { return Math.max(i + 1, 3); }
    }
    return word.length;
  }

  function endsInR1(word, r1, suffix) {
    return word.length - suffix.length >= r1 && word.slice(-suffix.length) === suffix;
  }

  /* Snowball's Norwegian stemmer (snowballstem.org/algorithms/norwegian/stemmer.html). */
  function stem(input) {
    var word = input.normalize("NFC").toLowerCase();
    var r1 = region1(word);
    var i, suffix, done = false;
    if (endsInR1(word, r1, "erte") || endsInR1(word, r1, "ert")) {
      // erte, ert -> er (longer than any other suffix that could match here but "hetene" etc.)
      var longer = STEP1.some(function (s) {
        return s.length > 4 && endsInR1(word, r1, s);
      });
      if (!longer) {
        word = word.slice(0, word.lastIndexOf("ert")) + "er";
        done = true;
      }
    }
    if (!done) {
      for (i = 0; i < STEP1.length; i++) {
        suffix = STEP1[i];
        if (endsInR1(word, r1, suffix)) { word = word.slice(0, -suffix.length); done = true; break; }
      }
    }
    if (!done && endsInR1(word, r1, "s") && word.length >= 2) {
      var before = word[word.length - 2];
      if (S_ENDING.indexOf(before) !== -1 ||
          (before === "k" && word.length >= 3 && !isVowel(word[word.length - 3]))) {
        word = word.slice(0, -1);
      }
    }
    if (endsInR1(word, r1, "dt") || endsInR1(word, r1, "vt")) { word = word.slice(0, -1); }
    for (i = 0; i < STEP3.length; i++) {
      suffix = STEP3[i];
      if (endsInR1(word, r1, suffix)) { word = word.slice(0, -suffix.length); break; }
    }
    return word;
  }

  var MIN_ROOT = 6; // "-ing" stays on shorter stems ("ting", "kling")

  function root(word) {
    var stemmed = stem(word);
    return stemmed.length - 3 >= MIN_ROOT && stemmed.slice(-3) === "ing" ? stemmed.slice(0, -3) : stemmed;
  }

  function isStopWord(word) { return STOP_SET[word.toLowerCase()] === true; }

  // The words of a phrase as the query splits them (hyphens and spaces).
  function words(phrase) {
    return phrase.toLowerCase().split(/[\s\-]+/).filter(function (w) { return w && !isStopWord(w); });
  }

  // Each group of includes/terms.yml as lists of stemmed words, once.
  var groups = null;
  function stemmedGroups() {
    if (groups) { return groups; }
    groups = (scope.KB_SEARCH_TERMS || []).map(function (group) {
      return group.map(function (phrase) { return words(phrase); })
        .filter(function (w) { return w.length; });
    });
    return groups;
  }

  function sameStems(a, b) {
    if (a.length !== b.length) { return false; }
    for (var i = 0; i < a.length; i++) { if (stem(a[i]) !== stem(b[i])) { return false; } }
    return true;
  }

  /* The typed words as slots: {start, end (indices into typed), alternatives: [[word, ...]]};
   * the first alternative is what was typed. The longest phrase of a group wins. */
  function slots(typed) {
    var result = [];
    var all = stemmedGroups();
    for (var i = 0; i < typed.length;) {
      var best = null, bestLength = 0;
      for (var g = 0; g < all.length; g++) {
        for (var p = 0; p < all[g].length; p++) {
          var phrase = all[g][p];
          if (phrase.length > bestLength && i + phrase.length <= typed.length &&
              sameStems(phrase, typed.slice(i, i + phrase.length))) {
            best = all[g]; bestLength = phrase.length;
          }
        }
      }
      var length = best ? bestLength : 1;
      var own = typed.slice(i, i + length);
      var alternatives = [own];
      (best || []).forEach(function (phrase) {
        if (!sameStems(phrase, own)) { alternatives.push(phrase); }
      });
      result.push({ start: i, end: i + length, alternatives: alternatives });
      i += length;
    }
    return result;
  }

  scope.KB_SEARCH = { stem: stem, root: root, isStopWord: isStopWord, words: words, slots: slots };
})(self);
