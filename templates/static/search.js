// callbook search: loads the index (a script, so it also works from file://) and lists matches.
(function () {
  "use strict";
  var input = document.getElementById("search-page-input");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!input || !status || !list) { return; }
  var query = new URLSearchParams(location.search).get("q") || "";
  input.value = query;

  // The query's words, each cut to a stem ("zones" → "zone", "boxes" → "box", "communities" →
  // "communit"); words match by prefix, so a stem finds every form the page uses.
  function words(text) {
    return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length >= 2; }).map(stem);
  }

  function stem(word) {
    if (word.length > 4 && /ies$/.test(word)) { return word.slice(0, -3); }
    if (word.length > 4 && /(s|x|z|ch|sh)es$/.test(word)) { return word.slice(0, -2); }
    if (word.length > 4 && /[^su]s$/.test(word)) { return word.slice(0, -1); }
    return word;
  }

  function postings(entry) {
    var result = [], total = 0;
    entry.split(".").forEach(function (delta) { total += parseInt(delta, 36); result.push(total); });
    return result;
  }

  function search(index, text) {
    var terms = words(text);
    if (!terms.length) { return []; }
    var vocabulary = Object.keys(index.words);
    var found = null;
    terms.forEach(function (term) {
      var hits = {};
      vocabulary.forEach(function (word) {
        if (word.lastIndexOf(term, 0) === 0) { postings(index.words[word]).forEach(function (n) { hits[n] = true; }); }
      });
      if (found === null) { found = hits; return; }
      var both = {};
      Object.keys(found).forEach(function (n) { if (hits[n]) { both[n] = true; } });
      found = both;
    });
    return Object.keys(found || {}).map(Number).map(function (n) {
      var s = index.sections[n], score = 0;
      terms.forEach(function (term) {
        if (s[2].toLowerCase().indexOf(term) >= 0) { score += 10; }
        if (s[0].toLowerCase().indexOf(term) >= 0) { score += 3; }
        if (s[3].toLowerCase().indexOf(term) >= 0) { score += 1; }
      });
      return { section: s, score: score, n: n };
    }).sort(function (a, b) { return b.score - a.score || a.n - b.n; });
  }

  // The snippet with each term marked, built as text nodes (never as HTML).
  function snippet(text, terms) {
    var node = document.createElement("p");
    node.className = "search-snippet";
    var lower = text.toLowerCase(), at = 0;
    while (at < text.length) {
      var next = -1, length = 0;
      terms.forEach(function (term) {
        var i = lower.indexOf(term, at);
        if (i >= 0 && (next < 0 || i < next)) { next = i; length = term.length; }
      });
      if (next < 0) { node.appendChild(document.createTextNode(text.slice(at))); break; }
      node.appendChild(document.createTextNode(text.slice(at, next)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(next, next + length);
      node.appendChild(mark);
      at = next + length;
    }
    return node;
  }

  function show(index) {
    list.textContent = "";
    if (!query.trim()) { status.textContent = "Type words to search for."; return; }
    var results = search(index, query);
    var terms = words(query);
    status.textContent = results.length ? results.length + (results.length === 1 ? " result" : " results") + " for “" + query + "”."
      : "Nothing found for “" + query + "”.";
    results.slice(0, 100).forEach(function (result) {
      var s = result.section;
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = s[1];
      link.textContent = s[2];
      var heading = document.createElement("h2");
      heading.appendChild(link);
      item.appendChild(heading);
      if (s[2] !== s[0]) {
        var page = document.createElement("p");
        page.className = "search-page-title";
        page.textContent = s[0];
        item.appendChild(page);
      }
      if (s[3]) { item.appendChild(snippet(s[3], terms)); }
      list.appendChild(item);
    });
  }

  status.textContent = "Loading the search index…";
  var script = document.createElement("script");
  script.src = document.querySelector("script[src$='search.js']").src.replace(/search\.js$/, "search-index.js");
  script.onload = function () { show(window.callbookSearch); };
  script.onerror = function () { status.textContent = "The search index could not be loaded."; };
  document.head.appendChild(script);
})();
