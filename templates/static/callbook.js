// callbook: small enhancements; every page works without them.
(function () {
  "use strict";
  // Subscribe links need an absolute webcal: address; build it from where the page is served.
  function webcalLinks() {
    if (location.protocol !== "http:" && location.protocol !== "https:") { return; }
    document.querySelectorAll(".webcal-link[data-path]").forEach(function (span) {
      var url = new URL(span.getAttribute("data-path"), location.href);
      var link = document.createElement("a");
      link.href = "webcal://" + url.host + url.pathname;
      link.textContent = "subscribe";
      span.textContent = " · ";
      span.appendChild(link);
    });
  }

  // Theme toggle with three states: the system's choice, light or dark. The button names the
  // current state; a click moves to the next one, and the choice is remembered.
  function themeToggle() {
    var buttons = Array.prototype.slice.call(document.querySelectorAll(".theme-toggle"));
    if (!buttons.length) { return; }
    var root = document.documentElement;
    var names = { system: "System", light: "Light", dark: "Dark" };
    var next = { system: "light", light: "dark", dark: "system" };
    function current() {
      var chosen = root.getAttribute("data-theme");
      return chosen === "light" || chosen === "dark" ? chosen : "system";
    }
    function label() {
      var state = current();
      buttons.forEach(function (button) {
        button.textContent = "Theme: " + names[state];
        button.setAttribute("aria-label", "Theme: " + names[state] + " (change to " + names[next[state]] + ")");
      });
    }
    label();
    buttons.forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var state = next[current()];
        if (state === "system") { root.removeAttribute("data-theme"); } else { root.setAttribute("data-theme", state); }
        try {
          if (state === "system") { localStorage.removeItem("callbook-theme"); } else { localStorage.setItem("callbook-theme", state); }
        } catch (e) { /* storage unavailable (private mode, file://): the choice lasts for this page */ }
        label();
      });
    });
  }

  // Search: "/" or Ctrl+K (⌘K) goes to the search box; the search script and its index load
  // when the header's box is first used.
  function searchBox() {
    var header = document.getElementById("search-input");
    var box = document.getElementById("search-page-input") || header;
    if (!box) { return; }
    var me = document.querySelector("script[src$='callbook.js']");
    function loadSearch() {
      if (window.callbookSearchUI || document.querySelector("script[src$='search.js']") || !me) { return; }
      var node = document.createElement("script");
      node.src = me.src.replace(/callbook\.js([?#].*)?$/, "search.js");
      document.head.appendChild(node);
    }
    if (header) {
      header.addEventListener("focus", loadSearch);
      header.addEventListener("input", loadSearch);
      if (document.activeElement === header) { loadSearch(); }
    }
    document.addEventListener("keydown", function (event) {
      var target = event.target, typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      var slash = event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey;
      var k = (event.ctrlKey || event.metaKey) && !event.altKey && (event.key === "k" || event.key === "K");
      if (slash || k) {
        event.preventDefault();
        box.focus();
        box.select();
      }
    });
  }

  // The sidebar's whole tree. A page holds only the branch leading to it; `toc.js`, one file for
  // the site, holds every entry, and each entry with children that the page shows without them
  // (class "branch") gets them here, in a closed <details>. Nothing visible moves: a closed
  // <details> takes no room (its summary, the chevron, sits over the entry's right end, which the
  // "branch" class kept free).
  function sidebarTree() {
    var tree = window.callbookTOC, list = document.querySelector("#sidebar > ul.toc");
    var script = document.querySelector("script[src$='_static/toc.js']");
    if (!Array.isArray(tree) || !list || !script) { return; }
    var root = script.getAttribute("src").replace(/_static\/toc\.js$/, "");
    function details(node, open) {
      var box = document.createElement("details"), summary = document.createElement("summary");
      var label = document.createElement("span"), ul = document.createElement("ul");
      box.open = open;
      label.className = "visually-hidden";
      label.textContent = node[0] + ": sections";
      summary.appendChild(label);
      box.appendChild(summary);
      node[2].forEach(function (child) { ul.appendChild(entry(child)); });
      box.appendChild(ul);
      return box;
    }
    function entry(node) {
      var li = document.createElement("li"), target = node[1], children = node[2];
      if (target === null) {
        var caption = document.createElement("span"), ul = document.createElement("ul");
        li.className = "part";
        caption.className = "caption";
        caption.textContent = node[0];
        li.appendChild(caption);
        if (children) {
          children.forEach(function (child) { ul.appendChild(entry(child)); });
          li.appendChild(ul);
        }
        return li;
      }
      var link = document.createElement("a");
      if (typeof target === "string") {
        link.setAttribute("href", root + target);
      } else {
        link.setAttribute("href", target.url);
        link.rel = "external";
      }
      link.textContent = node[0];
      li.appendChild(link);
      if (children) {
        li.className = "branch";
        li.appendChild(details(node, false));
      }
      return li;
    }
    // Walk the page's list beside the tree: the page's entries are the tree's, in its order.
    function walk(ul, nodes) {
      var items = Array.prototype.filter.call(ul.children, function (li) { return li.tagName === "LI"; });
      if (items.length !== nodes.length) { return; }
      items.forEach(function (li, index) {
        var node = nodes[index], children = node[2];
        if (!children) { return; }
        var inner = li.querySelector(":scope > ul, :scope > details > ul");
        if (inner) { walk(inner, children); } else { li.appendChild(details(node, false)); }
      });
    }
    walk(list, tree);
  }

  // The sidebar keeps its place: the current page's entry is scrolled into the sidebar's view.
  function sidebarPlace() {
    var sidebar = document.getElementById("sidebar");
    var current = sidebar && sidebar.querySelector("a[aria-current='page']");
    if (!current) { return; }
    var box = sidebar.getBoundingClientRect(), entry = current.getBoundingClientRect();
    var visible = Math.min(box.bottom, window.innerHeight) - box.top;
    if (entry.top < box.top || entry.bottom > box.top + visible) {
      sidebar.scrollTop += entry.top - box.top - visible / 3;
    }
  }

  // Wide tables, code blocks and month grids scroll sideways inside their box: let the keyboard
  // reach the ones that do, so they can be scrolled with the arrow keys.
  function scrollableRegions() {
    document.querySelectorAll(".chapter pre, .chapter table, .month-grid, .math-display").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("data-scroll-focus", "");
      } else if (!scrolls && box.hasAttribute("data-scroll-focus")) {
        box.removeAttribute("tabindex");
        box.removeAttribute("data-scroll-focus");
      }
    });
  }

  // "On this page": mark the section being read (the last heading above the top fifth of the window).
  function outlineTracking() {
    var links = Array.prototype.slice.call(document.querySelectorAll(".outline a[href^='#']"));
    if (!links.length || !("IntersectionObserver" in window)) { return; }
    var headings = links.map(function (link) {
      return document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    });
    function update() {
      var line = window.innerHeight / 5, current = -1;
      headings.forEach(function (heading, index) {
        if (heading && heading.getBoundingClientRect().top <= line) { current = index; }
      });
      links.forEach(function (link, index) {
        if (index === current) { link.setAttribute("aria-current", "location"); } else { link.removeAttribute("aria-current"); }
      });
    }
    var observer = new IntersectionObserver(update, { rootMargin: "0px 0px -80% 0px" });
    headings.forEach(function (heading) { if (heading) { observer.observe(heading); } });
    window.addEventListener("scroll", update, { passive: true });
    update();
  }


  // Code blocks: a copy button on each (prompts such as "$ " and ">>> " are left out, and with
  // them the output lines they precede), and highlighting by highlight.js, loaded only on pages
  // that have code in a language it knows.
  var PROMPT = /^(>>> |\.\.\. |\$ |In \[\d*\]: | {2,5}\.\.\.: )/;
  var ALIASES = { jl: "julia", py3: "python", python3: "python", ipython: "python", ipython3: "python",
    text: "plaintext", txt: "plaintext", none: "plaintext", "shell-session": "shell", zsh: "bash", yml: "yaml" };

  function copyText(code) {
    var lines = code.textContent.replace(/\n$/, "").split("\n");
    var prompted = lines.filter(function (line) { return PROMPT.test(line); });
    if (!prompted.length) { return lines.join("\n"); }
    return prompted.map(function (line) { return line.replace(PROMPT, ""); }).join("\n");
  }

  function codeBlocks() {
    var blocks = Array.prototype.slice.call(document.querySelectorAll(".chapter pre > code"));
    blocks.forEach(function (code) {
      var pre = code.parentNode, wrap = document.createElement("div"), button = document.createElement("button");
      wrap.className = "code-block";
      pre.parentNode.insertBefore(wrap, pre);
      wrap.appendChild(pre);
      button.type = "button";
      button.className = "copy-code";
      button.textContent = "Copy";
      button.setAttribute("aria-label", "Copy code");
      wrap.appendChild(button);
      button.addEventListener("click", function () {
        var text = copyText(code);
        function done(ok) {
          button.textContent = ok ? "Copied" : "Press Ctrl+C";
          setTimeout(function () { button.textContent = "Copy"; }, 1800);
        }
        function fallback() {
          var area = document.createElement("textarea");
          area.value = text;
          area.setAttribute("readonly", "");
          area.style.position = "fixed";
          area.style.opacity = "0";
          document.body.appendChild(area);
          area.select();
          var ok = false;
          try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
          document.body.removeChild(area);
          button.focus();
          done(ok);
        }
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
        } else {
          fallback();
        }
      });
    });
    var languages = blocks.filter(function (code) { return /(^|\s)language-\S/.test(code.className); });
    var me = document.querySelector("script[src$='callbook.js']");
    if (!languages.length || !me) { return; }
    var node = document.createElement("script");
    node.src = me.src.replace(/callbook\.js([?#].*)?$/, "highlight.min.js");
    node.onload = function () { languages.forEach(highlight); };
    document.head.appendChild(node);
  }

  function highlight(code) {
    var hljs = window.hljs, match = /(?:^|\s)language-(\S+)/.exec(code.className);
    if (!hljs || !match) { return; }
    var name = match[1].toLowerCase();
    name = ALIASES[name] || name;
    if (!hljs.getLanguage(name)) { return; }
    var lines = code.querySelectorAll(":scope > .line");
    try {
      if (!lines.length) {
        code.innerHTML = hljs.highlight(name, code.textContent, true).value;
      } else {
        // Numbered or emphasised lines keep their spans: highlight the whole text, then cut the
        // result at line ends, closing and reopening the spans open there.
        var source = Array.prototype.map.call(lines, function (line) { return line.textContent; }).join("\n");
        var parts = splitLines(hljs.highlight(name, source, true).value);
        Array.prototype.forEach.call(lines, function (line, i) { line.innerHTML = parts[i] || ""; });
      }
      code.classList.add("hljs");
    } catch (e) { /* leave the block as it was */ }
  }

  function splitLines(html) {
    var out = [], open = [], line = "", tag = /<span[^>]*>|<\/span>|\n|[^<\n]+/g, m;
    while ((m = tag.exec(html)) !== null) {
      var piece = m[0];
      if (piece === "\n") {
        out.push(line + open.map(function () { return "</span>"; }).join(""));
        line = open.join("");
      } else {
        if (piece === "</span>") { open.pop(); } else if (piece.charAt(0) === "<") { open.push(piece); }
        line += piece;
      }
    }
    out.push(line);
    return out;
  }

  // Maths: KaTeX (copied into the site, loaded only by pages with maths) turns each TeX
  // expression into HTML; without JavaScript the TeX stays readable as written.
  function maths() {
    var katex = window.katex;
    if (!katex) { return; }
    document.querySelectorAll(".math-inline, .math-display").forEach(function (node) {
      var display = node.classList.contains("math-display"), tex = "", texts = [];
      node.childNodes.forEach(function (child) {
        if (child.nodeType === 3) { tex += child.nodeValue; texts.push(child); }
      });
      tex = tex.trim().replace(/^\\[[(]/, "").replace(/\\[\])]$/, "");
      var holder = document.createElement(display ? "div" : "span");
      try {
        katex.render(tex, holder, { displayMode: display, throwOnError: false, output: "htmlAndMathml" });
      } catch (e) { return; }
      texts.forEach(function (child) { child.parentNode.removeChild(child); });
      node.appendChild(holder);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    webcalLinks(); themeToggle(); searchBox(); sidebarTree(); sidebarPlace(); maths(); codeBlocks(); scrollableRegions(); outlineTracking();
    window.addEventListener("resize", scrollableRegions);
  });
})();
