// callbook search: results while typing, under the header's box and on search.html.
// The index is two scripts (so it also works from file://): search-index.js (pages, sections,
// words) loaded on first use, and search/text-N.js (section text, for snippets) loaded only
// for the results shown.
(function () {
  "use strict";
  if (window.callbookSearchUI) { return; }
  window.callbookSearchUI = true;
  var self = document.currentScript || document.querySelector("script[src$='search.js']");
  var base = self ? self.src.replace(/search\.js([?#].*)?$/, "") : "";
  var index = null, loading = false, ready = [];
  var PAGE_SIZE = 20, MENU_SIZE = 8, WINDOW = 180;

  // Loading ---------------------------------------------------------------------------------
  function script(src, done, fail) {
    var node = document.createElement("script");
    node.src = src;
    node.onload = done;
    node.onerror = fail;
    document.head.appendChild(node);
  }

  function load(callback) {
    if (index) { callback(index); return; }
    ready.push(callback);
    if (loading) { return; }
    loading = true;
    script(base + "search-index.js", function () {
      mark("callbook-index-loaded");
      index = prepare(window.callbookSearch);
      ready.splice(0).forEach(function (f) { f(index); });
    }, function () {
      ready.splice(0).forEach(function (f) { f(null); });
    });
  }

  var chunks = {}; // chunk number → the callbacks waiting for it while it loads
  function withText(n, callback) {
    var chunk = chunkOf(n), texts = window.callbookSearchText || {};
    var take = function (list) { callback((list && list[n - index.chunks[chunk]]) || ""); };
    if (texts[chunk]) { take(texts[chunk]); return; }
    if (chunks[chunk]) { chunks[chunk].push(take); return; }
    chunks[chunk] = [take];
    script(base + "search/text-" + chunk + ".js", function () {
      var list = (window.callbookSearchText || {})[chunk];
      chunks[chunk].splice(0).forEach(function (f) { f(list); });
      chunks[chunk] = null;
    }, function () { chunks[chunk] = null; });
  }

  // Timings for bench/search-first-query.py.
  function mark(name) { try { performance.mark(name); } catch (e) { /* no User Timing */ } }

  function chunkOf(n) {
    var lo = 0, hi = index.chunks.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (index.chunks[mid] <= n) { lo = mid; } else { hi = mid - 1; }
    }
    return lo;
  }

  function prepare(data) {
    var words = Object.keys(data.words), stems = Object.create(null);
    words.forEach(function (word) {
      var s = stem(word);
      (stems[s] || (stems[s] = [])).push(word);
    });
    return { pages: data.pages, sections: data.sections, chunks: data.chunks, postings: data.words,
             words: words, stems: stems, decoded: Object.create(null) };
  }

  // Words and stems --------------------------------------------------------------------------
  var STOP = " the and for are but not you all any can her was one our out has his how its may who did get use this that with have from they will your what when there their which about would these other into more also some than then them were been such only just like each very where while ";
  var WORD = /[\p{L}\p{N}]+/gu;

  function words(text) {
    return (text.toLowerCase().match(WORD) || []);
  }

  // The Porter stemmer (M. F. Porter, 1980), for English words: "running" → "run",
  // "communities" → "communiti", "licensing" → "licens".
  var step2 = { ational: "ate", tional: "tion", enci: "ence", anci: "ance", izer: "ize", bli: "ble", alli: "al",
    entli: "ent", eli: "e", ousli: "ous", ization: "ize", ation: "ate", ator: "ate", alism: "al", iveness: "ive",
    fulness: "ful", ousness: "ous", aliti: "al", iviti: "ive", biliti: "ble", logi: "log" };
  var step3 = { icate: "ic", ative: "", alize: "al", iciti: "ic", ical: "ic", ful: "", ness: "" };
  var C = "[^aeiou][^aeiouy]*", V = "[aeiouy][aeiou]*";
  var mgr0 = new RegExp("^(" + C + ")?" + V + C), meq1 = new RegExp("^(" + C + ")?" + V + C + "(" + V + ")?$"),
    mgr1 = new RegExp("^(" + C + ")?" + V + C + V + C), vowel = new RegExp("^(" + C + ")?[aeiouy]"),
    cvc = new RegExp("^" + C + "[aeiouy][^aeiouwxy]$");
  var re2 = /^(.+?)(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|iveness|fulness|ousness|aliti|iviti|biliti|logi)$/,
    re3 = /^(.+?)(icate|ative|alize|iciti|ical|ful|ness)$/,
    re4 = /^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$/;
  var stemmed = Object.create(null);

  function stem(word) {
    var known = stemmed[word];
    if (known !== undefined) { return known; }
    return (stemmed[word] = porter(word));
  }

  function porter(w) {
    if (w.length < 3 || !/^[a-z]+$/.test(w)) { return w; }
    var m, s, y = w.charAt(0) === "y";
    if (y) { w = "Y" + w.slice(1); }
    if ((m = /^(.+?)(ss|i)es$/.exec(w))) { w = m[1] + m[2]; } else if ((m = /^(.+?)([^s])s$/.exec(w))) { w = m[1] + m[2]; }
    if ((m = /^(.+?)eed$/.exec(w))) {
      if (mgr0.test(m[1])) { w = w.slice(0, -1); }
    } else if ((m = /^(.+?)(ed|ing)$/.exec(w)) && vowel.test(m[1])) {
      w = m[1];
      if (/(at|bl|iz)$/.test(w)) { w += "e"; } else if (/([^aeiouylsz])\1$/.test(w)) { w = w.slice(0, -1); } else if (cvc.test(w)) { w += "e"; }
    }
    if ((m = /^(.+?)y$/.exec(w)) && vowel.test(m[1])) { w = m[1] + "i"; }
    if ((m = re2.exec(w)) && mgr0.test(m[1])) { w = m[1] + step2[m[2]]; }
    if ((m = re3.exec(w)) && mgr0.test(m[1])) { w = m[1] + step3[m[2]]; }
    if ((m = re4.exec(w))) {
      if (mgr1.test(m[1])) { w = m[1]; }
    } else if ((m = /^(.+?)([st])(ion)$/.exec(w)) && mgr1.test(m[1] + m[2])) { w = m[1] + m[2]; }
    if ((m = /^(.+?)e$/.exec(w))) {
      s = m[1];
      if (mgr1.test(s) || (meq1.test(s) && !cvc.test(s))) { w = s; }
    }
    if (/ll$/.test(w) && mgr1.test(w)) { w = w.slice(0, -1); }
    return y ? "y" + w.slice(1) : w;
  }

  // Searching --------------------------------------------------------------------------------
  function postings(word) {
    var known = index.decoded[word];
    if (known) { return known; }
    var result = [], total = 0;
    index.postings[word].split(".").forEach(function (gap) { total += parseInt(gap, 36); result.push(total); });
    return (index.decoded[word] = result);
  }

  // The query's terms; each is found as the word itself (weight 3), a word with the same stem
  // (2), or, for the word being typed, a word it begins (1).
  function terms(query) {
    var list = words(query), typing = !/\s$/.test(query);
    var kept = list.filter(function (w) { return STOP.indexOf(" " + w + " ") < 0; });
    if (!kept.length) { kept = list; }
    return kept.map(function (w, i) {
      var weights = Object.create(null);
      if (index.postings[w] !== undefined) { weights[w] = 3; }
      (index.stems[stem(w)] || []).forEach(function (word) { if (!weights[word]) { weights[word] = 2; } });
      if (typing && i === kept.length - 1) {
        var found = 0;
        for (var k = 0; k < index.words.length && found < 400; k++) {
          var word = index.words[k];
          if (word.length > w.length && word.lastIndexOf(w, 0) === 0 && !weights[word]) { weights[word] = 1; found++; }
        }
      }
      return { text: w, weights: weights };
    });
  }

  function search(query) {
    var list = terms(query);
    if (!list.length) { return { results: [], words: {} }; }
    var best = null, matched = Object.create(null);
    list.forEach(function (term) {
      var hits = new Map();
      Object.keys(term.weights).forEach(function (word) {
        var weight = term.weights[word];
        matched[word] = true;
        postings(word).forEach(function (n) { if ((hits.get(n) || 0) < weight) { hits.set(n, weight); } });
      });
      if (best === null) { best = hits; return; }
      var both = new Map();
      best.forEach(function (score, n) { var w = hits.get(n); if (w) { both.set(n, score + w); } });
      best = both;
    });
    var results = [];
    best.forEach(function (score, n) {
      var s = index.sections[n], page = index.pages[s[0]];
      var title = s.length > 2 ? s[2] : page[0];
      // Matches in the section's heading count four times, in the page's title twice more.
      var inTitle = 0, inPage = 0;
      var titleWords = words(title), pageWords = words(page[0]);
      list.forEach(function (term) {
        inTitle += best0(titleWords, term);
        inPage += best0(pageWords, term);
      });
      results.push({ n: n, title: title, page: page[0], url: page[1] + (s.length > 2 ? s[1] : ""),
                     score: score + 4 * inTitle + 2 * inPage + (s.length > 2 ? 0 : 0.5) });
    });
    results.sort(function (a, b) { return b.score - a.score || a.n - b.n; });
    return { results: results, words: matched };
  }

  function best0(titleWords, term) {
    var top = 0;
    titleWords.forEach(function (w) { var x = term.weights[w] || 0; if (x > top) { top = x; } });
    return top;
  }

  // Snippets: the stretch of the section's text with the most of the query's terms, the
  // matched words marked, built as text nodes (never as HTML).
  function snippet(text, matched) {
    var hits = [], m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text)) !== null) {
      if (matched[m[0].toLowerCase()]) { hits.push([m.index, m.index + m[0].length, m[0].toLowerCase()]); }
    }
    var start = 0, end = Math.min(text.length, WINDOW);
    if (hits.length) {
      // The window of WINDOW characters holding the most distinct matched words.
      var bestCount = 0, bestAt = 0, j = 0, counts = Object.create(null), distinct = 0;
      for (var i = 0; i < hits.length; i++) {
        if (!counts[hits[i][2]]) { distinct++; }
        counts[hits[i][2]] = (counts[hits[i][2]] || 0) + 1;
        while (hits[i][1] - hits[j][0] > WINDOW) {
          if (--counts[hits[j][2]] === 0) { distinct--; }
          j++;
        }
        if (distinct > bestCount) { bestCount = distinct; bestAt = j; }
      }
      start = Math.max(0, hits[bestAt][0] - 40);
      if (start > 0) { var space = text.indexOf(" ", start); if (space >= 0 && space < hits[bestAt][0]) { start = space + 1; } }
      end = Math.min(text.length, start + WINDOW);
      if (end < text.length) { var back = text.lastIndexOf(" ", end); if (back > hits[bestAt][1]) { end = back; } }
    }
    var node = document.createElement("p"), at = start;
    node.className = "search-snippet";
    if (start > 0) { node.appendChild(document.createTextNode("… ")); }
    hits.forEach(function (hit) {
      if (hit[0] < at || hit[1] > end) { return; }
      node.appendChild(document.createTextNode(text.slice(at, hit[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(hit[0], hit[1]);
      node.appendChild(mark);
      at = hit[1];
    });
    node.appendChild(document.createTextNode(text.slice(at, end) + (end < text.length ? " …" : "")));
    return node;
  }

  // A title with the words found marked (text nodes only).
  function marked(text, matched) {
    var fragment = document.createDocumentFragment(), at = 0, m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text)) !== null) {
      if (!matched[m[0].toLowerCase()]) { continue; }
      fragment.appendChild(document.createTextNode(text.slice(at, m.index)));
      var mark = document.createElement("mark");
      mark.textContent = m[0];
      fragment.appendChild(mark);
      at = m.index + m[0].length;
    }
    fragment.appendChild(document.createTextNode(text.slice(at)));
    return fragment;
  }

  // One result: heading link, page title, snippet (filled in when its text arrives).
  function item(result, matched, root, small) {
    var li = document.createElement("li"), link = document.createElement("a");
    link.href = root + result.url;
    var heading = document.createElement(small ? "span" : "h2");
    heading.className = "search-result-title";
    if (small) {
      heading.appendChild(marked(result.title, matched));
      link.appendChild(heading);
      li.appendChild(link);
    } else {
      link.appendChild(marked(result.title, matched));
      heading.appendChild(link);
      li.appendChild(heading);
    }
    var container = small ? link : li;
    if (result.title !== result.page) {
      var page = document.createElement(small ? "span" : "p");
      page.className = "search-page-title";
      page.textContent = result.page;
      container.appendChild(page);
    }
    withText(result.n, function (text) {
      if (text) { container.appendChild(snippet(text, matched)); }
    });
    return li;
  }

  // The site root as seen from this page: search-index.js lives in <root>_static/.
  function siteRoot() {
    var node = document.querySelector("link[rel=stylesheet][href$='_static/style.css']");
    return node ? node.getAttribute("href").replace(/_static\/style\.css$/, "") : "";
  }

  function count(n) { return n + (n === 1 ? " result" : " results"); }

  // Keyboard: the arrow keys move between the box and the result links, Escape goes back.
  function arrows(input, list, onEscape) {
    function links() { return Array.prototype.slice.call(list.querySelectorAll("a, button")); }
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        var first = links()[0];
        if (first) { event.preventDefault(); first.focus(); }
      } else if (event.key === "Escape" && onEscape) {
        onEscape(true);
      }
    });
    list.addEventListener("keydown", function (event) {
      var all = links(), at = all.indexOf(document.activeElement);
      if (event.key === "ArrowDown" && at >= 0) {
        event.preventDefault();
        if (all[at + 1]) { all[at + 1].focus(); }
      } else if (event.key === "ArrowUp" && at >= 0) {
        event.preventDefault();
        if (at === 0) { input.focus(); } else { all[at - 1].focus(); }
      } else if (event.key === "Escape") {
        event.preventDefault();
        input.focus();
        if (onEscape) { onEscape(false); }
      }
    });
  }

  // The header's box: a list under it as the reader types -------------------------------------
  function header() {
    var input = document.getElementById("search-input");
    if (!input || document.getElementById("search-page-input")) { return; }
    var form = input.form, root = siteRoot();
    var panel = document.createElement("div");
    panel.className = "search-menu";
    panel.id = "search-menu";
    panel.hidden = true;
    var status = document.createElement("p");
    status.className = "search-menu-status";
    status.setAttribute("role", "status");
    var list = document.createElement("ul");
    list.className = "search-menu-results";
    panel.appendChild(status);
    panel.appendChild(list);
    form.appendChild(panel);
    function close() { panel.hidden = true; }
    function update() {
      var query = input.value;
      if (!query.trim()) { close(); list.textContent = ""; status.textContent = ""; return; }
      load(function (loaded) {
        if (!loaded) { status.textContent = "The search index could not be loaded."; panel.hidden = false; return; }
        if (input.value !== query) { return; }
        var found = search(query);
        list.textContent = "";
        found.results.slice(0, MENU_SIZE).forEach(function (result) { list.appendChild(item(result, found.words, root, true)); });
        if (found.results.length > MENU_SIZE) {
          var li = document.createElement("li"), all = document.createElement("a");
          li.className = "search-menu-all";
          all.href = root + "search.html?q=" + encodeURIComponent(query);
          all.textContent = "See all " + count(found.results.length);
          li.appendChild(all);
          list.appendChild(li);
        }
        status.textContent = found.results.length ? count(found.results.length) + " for “" + query.trim() + "”" : "Nothing found for “" + query.trim() + "”";
        panel.hidden = false;
        mark("callbook-results");
      });
    }
    input.addEventListener("input", update);
    input.addEventListener("focus", function () { load(function () {}); if (input.value.trim()) { update(); } });
    arrows(input, list, function (fromInput) { if (fromInput && panel.hidden) { input.value = ""; } close(); });
    document.addEventListener("click", function (event) { if (!form.contains(event.target)) { close(); } });
    form.addEventListener("focusout", function (event) { if (!form.contains(event.relatedTarget) && event.relatedTarget) { close(); } });
    // The box had the focus before this script arrived: load the index now, and list what was typed.
    if (document.activeElement === input) { load(function () {}); if (input.value.trim()) { update(); } }
  }

  // search.html: every result, a page at a time -----------------------------------------------
  function page() {
    var input = document.getElementById("search-page-input");
    var status = document.getElementById("search-status");
    var list = document.getElementById("search-results");
    if (!input || !status || !list) { return; }
    var more = document.createElement("button");
    more.type = "button";
    more.className = "search-more";
    more.hidden = true;
    list.parentNode.insertBefore(more, list.nextSibling);
    var query = new URLSearchParams(location.search).get("q") || "";
    input.value = query;
    var found = null, shown = 0;
    function showMore(focus) {
      var next = found.results.slice(shown, shown + PAGE_SIZE);
      next.forEach(function (result, i) {
        var li = item(result, found.words, "", false);
        list.appendChild(li);
        if (focus && i === 0) { li.querySelector("a").focus(); }
      });
      shown += next.length;
      var left = found.results.length - shown;
      more.hidden = left <= 0;
      more.textContent = "Show " + Math.min(left, PAGE_SIZE) + " more (" + left + " left)";
    }
    function run(text) {
      list.textContent = "";
      more.hidden = true;
      if (!text.trim()) { status.textContent = "Type words to search for."; return; }
      found = search(text);
      shown = 0;
      status.textContent = found.results.length ? count(found.results.length) + " for “" + text.trim() + "”."
        : "Nothing found for “" + text.trim() + "”.";
      showMore(false);
      mark("callbook-results");
    }
    more.addEventListener("click", function () { showMore(true); });
    arrows(input, list.parentNode, null);
    status.textContent = "Loading the search index…";
    load(function (loaded) {
      if (!loaded) { status.textContent = "The search index could not be loaded."; return; }
      run(input.value);
      input.addEventListener("input", function () {
        run(input.value);
        try { history.replaceState(null, "", "?q=" + encodeURIComponent(input.value)); } catch (e) { /* file:// in some browsers */ }
      });
    });
  }

  window.callbookSearchEngine = { load: load, search: search, stem: stem };
  header();
  page();
})();
