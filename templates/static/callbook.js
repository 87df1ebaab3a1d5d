// callbook: small enhancements; every page works without them.
(function () {
  "use strict";
  function two(n) { return (n < 10 ? "0" : "") + n; }
  function clock(date) { return two(date.getHours()) + ":" + two(date.getMinutes()); }

  // Sessions: show the reader's own time beside the call's, and grey past sessions.
  function localTimes() {
    var now = Date.now();
    var zone = "";
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { zone = ""; }
    document.querySelectorAll("time[datetime][data-end]").forEach(function (node) {
      var start = new Date(node.getAttribute("datetime"));
      var end = new Date(node.getAttribute("data-end"));
      if (isNaN(start) || isNaN(end)) { return; }
      var item = node.closest("li");
      if (end.getTime() < now && item) { item.classList.add("past"); }
      var local = item ? item.querySelector(".local-time") : null;
      if (!local) { return; }
      var day = start.toLocaleDateString(undefined, { weekday: "short", day: "numeric", month: "short" });
      local.textContent = " — your time: " + day + ", " + clock(start) + "–" + clock(end) + (zone ? " (" + zone + ")" : "");
      local.hidden = false;
      var offset = item.querySelector(".utc-offset");
      if (offset) { offset.hidden = true; }
    });
  }

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
    var button = document.querySelector(".theme-toggle");
    if (!button) { return; }
    var root = document.documentElement;
    var names = { system: "System", light: "Light", dark: "Dark" };
    var next = { system: "light", light: "dark", dark: "system" };
    function current() {
      var chosen = root.getAttribute("data-theme");
      return chosen === "light" || chosen === "dark" ? chosen : "system";
    }
    function label() {
      var state = current();
      button.textContent = "Theme: " + names[state];
      button.setAttribute("aria-label", "Theme: " + names[state] + " (change to " + names[next[state]] + ")");
    }
    button.hidden = false;
    label();
    button.addEventListener("click", function () {
      var state = next[current()];
      if (state === "system") { root.removeAttribute("data-theme"); } else { root.setAttribute("data-theme", state); }
      try {
        if (state === "system") { localStorage.removeItem("callbook-theme"); } else { localStorage.setItem("callbook-theme", state); }
      } catch (e) { /* storage unavailable (private mode, file://): the choice lasts for this page */ }
      label();
    });
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

  document.addEventListener("DOMContentLoaded", function () {
    localTimes(); webcalLinks(); themeToggle(); scrollableRegions(); outlineTracking();
    window.addEventListener("resize", scrollableRegions);
  });
})();
