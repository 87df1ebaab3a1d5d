// callbook calendar: the reader's time zone first. Loaded on the calendar page and on chapters
// with a {calls} listing. Without it, pages show each session in its call's own zone with its
// UTC offset. The zone is ?tz=Area/City (for a shared link), else the one chosen in the picker
// (remembered in localStorage), else the browser's. Nothing is fetched: the sessions come from
// the page's <script class="calls-data">. Tests freeze the clock by replacing Date before the
// page loads (Page.addScriptToEvaluateOnNewDocument); the script only reads Date.now().
(function () {
  "use strict";
  var STORE = "callbook-tz";
  var DAY = 86400000;
  var WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];
  var SHORT_DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

  function valid(zone) {
    try { new Intl.DateTimeFormat("en", { timeZone: zone }); return true; } catch (e) { return false; }
  }
  function browserZone() {
    try { return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC"; } catch (e) { return "UTC"; }
  }
  function queryZone() {
    var zone = new URLSearchParams(location.search).get("tz");
    return zone && valid(zone) ? zone : null;
  }
  function storedZone() {
    try { var zone = localStorage.getItem(STORE); return zone && valid(zone) ? zone : null; } catch (e) { return null; }
  }
  var picked = null; // the picker's choice on this page (the address may not take ?tz= on file://)
  function readerZone() { return picked || queryZone() || storedZone() || browserZone(); }

  // Wall-clock parts of an instant in a zone, and the day as a number (days since 1970-01-01).
  var formats = {};
  function local(date, zone) {
    var format = formats[zone] || (formats[zone] = new Intl.DateTimeFormat("en-GB", {
      timeZone: zone, year: "numeric", month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }));
    var p = {};
    format.formatToParts(date).forEach(function (part) { p[part.type] = part.value; });
    var hour = p.hour === "24" ? "00" : p.hour;
    return { day: Date.UTC(+p.year, +p.month - 1, +p.day) / DAY, clock: hour + ":" + p.minute };
  }
  function dayText(day) {
    var d = new Date(day * DAY);
    return WEEKDAYS[d.getUTCDay()] + " " + d.getUTCDate() + " " + MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear();
  }
  function weekday(day) { return (new Date(day * DAY).getUTCDay() + 6) % 7; } // Monday 0
  function zoneName(date, zone) {
    try {
      var part = new Intl.DateTimeFormat("en-GB", { timeZone: zone, timeZoneName: "short" }).formatToParts(date)
        .filter(function (p) { return p.type === "timeZoneName"; })[0];
      return part ? part.value : zone;
    } catch (e) { return zone; }
  }

  // A session in a zone: its local day and "15:00–17:00 GMT".
  function when(s, zone) {
    var start = local(s.startDate, zone), end = local(s.endDate, zone);
    var name = zone === s.zone ? s.abbr : zoneName(s.startDate, zone);
    return { day: start.day, clock: start.clock, span: start.clock + "–" + end.clock + " " + name };
  }
  // One time when the reader's wall clock and day are the call's own.
  function sameTime(s, zone) {
    if (zone === s.zone) { return true; }
    var a = local(s.startDate, zone), b = local(s.startDate, s.zone), c = local(s.endDate, zone), d = local(s.endDate, s.zone);
    return a.day === b.day && a.clock === b.clock && c.clock === d.clock;
  }
  function ownText(s, zone) {
    var own = when(s, s.zone), mine = when(s, zone);
    return "Call's time: " + (own.day === mine.day ? "" : dayText(own.day) + ", ") + own.span + " (" + s.zone + ")";
  }

  // "Moved from 15:00 GMT" (the same day in `zone`) or "Moved from Wednesday 6 January 2027,
  // 15:00 GMT": the start the rule gave a moved session, in the reader's zone.
  function movedText(from, abbr, s, zone) {
    var planned = local(from, zone), now = local(s.startDate, zone);
    var name = zone === s.zone ? abbr : zoneName(from, zone);
    return "Moved from " + (planned.day === now.day ? "" : dayText(planned.day) + ", ") + planned.clock + " " + name;
  }
  // The moved line and the note beside a session, as calendar.mustache writes them.
  function annotate(item, s, zone) {
    if (s.movedFrom) {
      item.appendChild(document.createTextNode(" "));
      var moved = item.appendChild(element("span", "session-moved", movedText(new Date(s.movedFrom), s.movedFromAbbr, s, zone)));
      moved.setAttribute("data-from", s.movedFrom);
      moved.setAttribute("data-abbr", s.movedFromAbbr);
    }
    if (s.note) { item.appendChild(document.createTextNode(" ")); item.appendChild(element("span", "session-note", s.note)); }
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }
  function link(href, text) { var a = element("a", "", text); a.href = href; return a; }
  function titleNode(s) { return s.url ? link(s.url, s.title) : document.createTextNode(s.title); }
  function timeNode(s, text) {
    var node = element("time", "", text);
    node.setAttribute("datetime", s.start);
    node.setAttribute("data-end", s.end);
    return node;
  }

  function status(ms) {
    var minutes = Math.round(ms / 60000);
    if (minutes < 1) { return "Starts now"; }
    if (minutes < 60) { return "Starts in " + minutes + " min"; }
    var hours = Math.floor(minutes / 60), rest = minutes % 60;
    if (hours < 48) { return "Starts in " + hours + " h" + (rest ? " " + rest + " min" : ""); }
    return "Starts in " + Math.round(minutes / 1440) + " days";
  }

  // The "Next call" card: the first session not cancelled that has not ended.
  function drawCard(card, sessions, zone, now) {
    var running = sessions.filter(function (s) { return !s.cancelled; });
    if (!running.length) { return; }
    var s = running.filter(function (x) { return x.endDate.getTime() > now; })[0] || running[running.length - 1];
    var title = card.querySelector(".next-call-title");
    title.textContent = "";
    title.appendChild(titleNode(s));
    var mine = when(s, zone);
    var whenLine = card.querySelector(".next-call-when");
    whenLine.textContent = "";
    whenLine.appendChild(timeNode(s, dayText(mine.day) + ", " + mine.span));
    whenLine.appendChild(element("span", "next-call-zone", zone));
    var own = card.querySelector(".next-call-own");
    own.hidden = sameTime(s, zone);
    own.textContent = own.hidden ? "" : ownText(s, zone);
    card.querySelector(".next-call-details").textContent = [s.duration, s.host ? "Host: " + s.host : "", s.location, s.note,
      s.movedFrom ? movedText(new Date(s.movedFrom), s.movedFromAbbr, s, zone) : ""].filter(Boolean).join(" · ");
    var links = card.querySelector(".next-call-links");
    links.textContent = "";
    if (s.join) { links.appendChild(link(s.join, "Join the call")).className = "next-call-join"; }
    if (s.joinText) { links.appendChild(element("span", "next-call-join", s.joinText)); }
    if (s.notes) { links.appendChild(link(s.notes, "Session notes")).className = "next-call-notes"; }
    var ics = links.appendChild(link(s.ics, "Add to calendar (.ics)"));
    ics.className = "next-call-ics";
    ics.setAttribute("download", "");
    var line = card.querySelector(".next-call-status");
    line.textContent = "";
    var start = s.startDate.getTime(), end = s.endDate.getTime();
    card.classList.toggle("live", start <= now && now < end);
    if (end <= now) {
      line.textContent = "Ended";
    } else if (start <= now) {
      line.appendChild(document.createTextNode("Live now"));
      var join = s.join || s.url;
      if (join) { line.appendChild(document.createTextNode(" — ")); line.appendChild(link(join, "join")); }
    } else {
      line.textContent = status(start - now);
    }
  }

  function sessionItem(s, zone, now) {
    var item = element("li", "session" + (s.cancelled ? " cancelled" : "") + (s.endDate.getTime() <= now ? " past" : ""));
    var mine = when(s, zone);
    item.appendChild(element("span", "session-title")).appendChild(titleNode(s));
    item.appendChild(timeNode(s, dayText(mine.day) + ", " + mine.span));
    if (!sameTime(s, zone)) { item.appendChild(element("span", "series-time", ownText(s, zone))); }
    annotate(item, s, zone);
    if (s.cancelled) { item.appendChild(element("strong", "cancelled-note", "Cancelled" + (s.reason ? ": " + s.reason : ""))); }
    if (s.location) { item.appendChild(element("span", "location", s.location)); }
    return item;
  }

  // The next weeks, grouped by the reader's weeks (Monday first).
  function drawWeeks(box, sessions, zone, now, weeks) {
    var today = local(new Date(now), zone).day, last = today - weekday(today) + 7 * weeks;
    box.textContent = "";
    var list = null, week = null;
    sessions.forEach(function (s) {
      var day = local(s.startDate, zone).day;
      if (local(s.endDate, zone).day < today || day >= last) { return; }
      var start = day - weekday(day);
      if (start !== week) {
        week = start;
        box.appendChild(element("h3", "", "Week of " + dayText(start)));
        list = box.appendChild(element("ul", "sessions"));
      }
      list.appendChild(sessionItem(s, zone, now));
    });
    if (!list) { box.appendChild(element("p", "", "No sessions are planned in the next " + weeks + " weeks.")); }
  }

  // Month grids for the reader's month and the next two, each session on the reader's day.
  function drawMonths(box, sessions, zone, now, count) {
    var today = local(new Date(now), zone).day, first = new Date(today * DAY);
    var byDay = {};
    sessions.forEach(function (s) { var day = local(s.startDate, zone).day; (byDay[day] = byDay[day] || []).push(s); });
    box.textContent = "";
    for (var n = 0; n < count; n++) {
      var year = first.getUTCFullYear(), month = first.getUTCMonth() + n;
      var start = Date.UTC(year, month, 1) / DAY, end = Date.UTC(year, month + 1, 1) / DAY;
      var date = new Date(start * DAY), id = "month-" + date.toISOString().slice(0, 7);
      var table = element("table");
      table.setAttribute("aria-labelledby", id);
      var caption = table.appendChild(element("caption", "", MONTHS[date.getUTCMonth()] + " " + date.getUTCFullYear()));
      caption.id = id;
      caption.appendChild(element("span", "grid-zone", " · times in " + zone));
      var head = table.appendChild(element("thead")).appendChild(element("tr"));
      SHORT_DAYS.forEach(function (name, i) {
        var th = head.appendChild(element("th", "", name));
        th.scope = "col";
        th.abbr = WEEKDAYS[(i + 1) % 7];
      });
      var body = table.appendChild(element("tbody")), row = null;
      for (var day = start - weekday(start); day < end || weekday(day) !== 0; day++) {
        if (weekday(day) === 0) { row = body.appendChild(element("tr")); }
        var cell = row.appendChild(element("td"));
        if (day < start || day >= end) { continue; }
        if (day === today) { cell.className = "today"; cell.setAttribute("aria-current", "date"); }
        cell.appendChild(element("span", "day-number", String(new Date(day * DAY).getUTCDate())));
        var list = null;
        (byDay[day] || []).forEach(function (s) {
          list = list || cell.appendChild(element("ul", "day-sessions"));
          var item = list.appendChild(element("li", (s.cancelled ? "cancelled" : "") + (s.endDate.getTime() <= now ? " past" : "")));
          item.appendChild(timeNode(s, local(s.startDate, zone).clock));
          item.appendChild(document.createTextNode(" "));
          item.appendChild(titleNode(s));
          annotate(item, s, zone);
          if (s.cancelled) { item.appendChild(element("span", "cancelled-note", " (cancelled" + (s.reason ? ": " + s.reason : "") + ")")); }
        });
      }
      box.appendChild(element("div", "month-grid")).appendChild(table);
    }
  }

  // Lists drawn at build time (a chapter's listing, past sessions): times rewritten in place.
  function retime(scope, zone, now) {
    scope.querySelectorAll("li time[data-zone]").forEach(function (node) {
      var s = { start: node.getAttribute("datetime"), end: node.getAttribute("data-end"),
        zone: node.getAttribute("data-zone"), abbr: node.getAttribute("data-abbr") };
      s.startDate = new Date(s.start);
      s.endDate = new Date(s.end);
      if (isNaN(s.startDate) || isNaN(s.endDate)) { return; }
      var item = node.closest("li"), mine = when(s, zone);
      item.classList.toggle("past", s.endDate.getTime() <= now);
      var moved = item.querySelector(".session-moved[data-from]");
      if (moved) { moved.textContent = movedText(new Date(moved.getAttribute("data-from")), moved.getAttribute("data-abbr"), s, zone); }
      if (node.closest(".day-sessions")) { node.textContent = mine.clock; return; }
      node.textContent = dayText(mine.day) + ", " + mine.span;
      var offset = item.querySelector(".utc-offset");
      if (offset) { offset.hidden = true; }
      var own = item.querySelector(".series-time");
      if (!own) { own = element("span", "series-time"); node.parentNode.insertBefore(own, node.nextSibling); }
      own.hidden = sameTime(s, zone);
      own.textContent = own.hidden ? "" : ownText(s, zone);
    });
  }

  function sessionsOf(script) {
    try {
      return JSON.parse(script.textContent).sessions.map(function (s) {
        s.startDate = new Date(s.start);
        s.endDate = new Date(s.end);
        return s;
      });
    } catch (e) { return []; }
  }

  function draw() {
    var zone = readerZone(), now = Date.now();
    document.querySelectorAll("script.calls-data").forEach(function (script) {
      var root = script.parentNode, sessions = sessionsOf(script);
      var card = root.querySelector(".next-call");
      if (card) { drawCard(card, sessions, zone, now); }
      var weeks = root.querySelector(".upcoming .weeks");
      if (weeks) { drawWeeks(weeks, sessions, zone, now, +(root.getAttribute("data-weeks") || 8)); }
      var months = root.querySelector(".months .grids");
      if (months) { drawMonths(months, sessions, zone, now, 3); }
      var past = root.querySelector(".past-sessions");
      if (past) { retime(past, zone, now); }
      if (root.classList.contains("calls-listing")) { retime(root, zone, now); }
      var intro = root.querySelector(".calendar-intro");
      if (intro) {
        intro.textContent = "Times are shown in " + zone + ", with each call's own time beside them when it differs. "
          + "Upcoming sessions are listed from " + dayText(local(new Date(now), zone).day) + ".";
      }
    });
    // callbook.js makes the month grids that scroll sideways keyboard-reachable on resize.
    window.dispatchEvent(new Event("resize"));
    // Which zone the page is laid out in (for styles and tests).
    document.documentElement.setAttribute("data-calls-zone", zone);
  }

  // The picker: the browser's zone first, then every zone the browser knows.
  function picker() {
    var form = document.querySelector(".zone-picker");
    if (!form) { return; }
    var select = form.querySelector("select"), chosen = queryZone() || storedZone() || "";
    var zones = [];
    try { zones = Intl.supportedValuesOf("timeZone"); } catch (e) { zones = []; }
    if (zones.indexOf("UTC") < 0) { zones = ["UTC"].concat(zones); }
    if (chosen && zones.indexOf(chosen) < 0) { zones = zones.concat([chosen]).sort(); }
    var option = select.appendChild(element("option", "", "Your browser's zone (" + browserZone() + ")"));
    option.value = "";
    zones.forEach(function (zone) { select.appendChild(element("option", "", zone)).value = zone; });
    select.value = chosen;
    form.hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    select.addEventListener("change", function () {
      var zone = select.value, url = new URL(location.href);
      picked = zone || browserZone();
      try { if (zone) { localStorage.setItem(STORE, zone); } else { localStorage.removeItem(STORE); } } catch (e) { /* not remembered */ }
      if (zone) { url.searchParams.set("tz", zone); } else { url.searchParams.delete("tz"); }
      try { history.replaceState(null, "", url.href); } catch (e) { /* file:// may refuse; the choice still applies */ }
      draw();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    picker();
    draw();
    setInterval(draw, 60000);
  });
})();
