// callbook: the site-wide call notice (calls.yml `notice: true`). While a call is live, or
// starts within the hour, every page says so at the top with a link to join. The sessions come
// from _static/calls-next.js, written at build time and loaded just before this script.
(function () {
  "use strict";
  var calls = window.callbookNextCalls || [];
  var script = document.currentScript;
  var root = script ? script.src.replace(/_static\/notice\.js(\?.*)?$/, "") : "";
  var HOUR = 3600000;

  function zone() {
    var chosen = new URLSearchParams(location.search).get("tz");
    try { chosen = chosen || localStorage.getItem("callbook-tz"); } catch (e) { /* no storage */ }
    try { new Intl.DateTimeFormat("en", { timeZone: chosen || undefined }); return chosen || undefined; } catch (e) { return undefined; }
  }

  function show() {
    var now = Date.now(), box = document.querySelector(".call-notice");
    var call = calls.filter(function (c) { return Date.parse(c.start) - HOUR <= now && now < Date.parse(c.end); })[0];
    if (!call) { if (box) { box.remove(); } return; }
    if (!box) {
      box = document.createElement("div");
      box.className = "call-notice";
      box.setAttribute("role", "status");
      document.body.insertBefore(box, document.querySelector(".site-header"));
    }
    var start = new Date(call.start), live = start.getTime() <= now;
    var clock = new Intl.DateTimeFormat("en-GB", { timeZone: zone(), hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" });
    box.textContent = (live ? "Live now: " : "Starting at " + clock.format(start) + ": ") + call.title;
    var href = call.join || (call.url ? root + call.url : null);
    if (href) {
      box.appendChild(document.createTextNode(" — "));
      var link = document.createElement("a");
      link.href = href;
      link.textContent = "join";
      box.appendChild(link);
    }
  }

  show();
  setInterval(show, 30000);
})();
