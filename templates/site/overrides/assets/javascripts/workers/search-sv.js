/*
 * The theme's search worker, with two corrections for Swedish text and requirement IDs.
 *
 * 1. lunr's query lexer splits terms on its built-in separator, /[\s-]+/, whatever the
 *    site's `separator` says, and reads a "-" after the split as "must not contain". A search
 *    for VC-014 thus became "VC but not 014". Here the lexer splits on white space only; the
 *    theme has already split each term with the site's separator, which keeps IDs whole.
 *
 * 2. The theme adds a trailing wildcard to every term so results appear while typing, and
 *    lunr skips stemming for wildcard terms. "filialer*" then never matches the indexed stem
 *    "filial". Here a wildcard term is stemmed first and the wildcard put back: "filial*".
 */
importScripts(new URL(self.location.href).searchParams.get("worker"));

lunr.QueryLexer.termSeparator = /\s+/;

(function () {
  var parse = lunr.QueryParser.prototype.parse;
  var pipeline = null;

  function stem(word) {
    if (pipeline === null) {
      if (!lunr.sv) return [word];  // the Swedish stemmer loads with the index
      pipeline = new lunr.Pipeline();
      pipeline.add(lunr.sv.stemmer);  // as the index: no trimmer, see mkdocs.yml
    }
    return pipeline.runString(word);
  }

  lunr.QueryParser.prototype.parse = function () {
    var query = parse.call(this);
    query.clauses.forEach(function (clause) {
      var match = /^([^*]+)\*$/.exec(clause.term);
      if (match) {
        var stems = stem(match[1]);
        if (stems.length === 1 && stems[0]) clause.term = stems[0] + "*";
      }
    });
    return query;
  };
})();
