// callbook: a preview of what a cross-reference points at — a section's heading and first
// paragraph, a figure and its caption, a term's definition, an equation — shown on hover and on
// keyboard focus. The previews of the page's references travel with the page
// (<script type="application/json" id="ref-previews">, keyed by each link's href), so they work
// from file:// too; without JavaScript the references are plain links.
(function () {
  "use strict";
  var data = document.getElementById("ref-previews");
  var article = document.querySelector("article.chapter");
  if (!data || !article) { return; }
  var previews;
  try { previews = JSON.parse(data.textContent); } catch (e) { return; }
  var has = Object.prototype.hasOwnProperty;
  var box = null, current = null, showTimer = 0, hideTimer = 0;

  // The link of the page's text that `node` is in, if it has a preview.
  function linkOf(node) {
    var link = node && node.closest ? node.closest("a[href]") : null;
    if (!link || !article.contains(link) || link.classList.contains("headerlink")) { return null; }
    return has.call(previews, link.getAttribute("href")) ? link : null;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  // One popover for the page, on top of the text (absolutely placed: nothing moves under it);
  // the pointer can move into it without it closing.
  function popover() {
    if (box) { return box; }
    box = element("div", "ref-preview");
    box.id = "ref-preview";
    box.setAttribute("role", "tooltip");
    box.hidden = true;
    box.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    box.addEventListener("mouseleave", hideSoon);
    document.body.appendChild(box);
    return box;
  }

  function fill(preview) {
    box.textContent = "";
    box.setAttribute("data-kind", preview.kind || "section");
    if (preview.image) {
      var image = element("img");
      image.alt = "";
      image.src = preview.image;
      box.appendChild(image);
    }
    if (preview.title) { box.appendChild(element("p", "ref-preview-title", preview.title)); }
    if (preview.tex) {
      var maths = element("div", "ref-preview-math");
      var rendered = false;
      if (window.katex) {
        try {
          window.katex.render(preview.tex, maths, { displayMode: true, throwOnError: false, output: "htmlAndMathml" });
          rendered = true;
        } catch (e) { rendered = false; }
      }
      if (!rendered) { maths.textContent = ""; maths.appendChild(element("code", "", preview.tex)); }
      box.appendChild(maths);
    }
    if (preview.text) { box.appendChild(element("p", "ref-preview-text", preview.text)); }
  }

  // Below the link (its last line, when it wraps), or above its first line when there is no
  // room below; inside the window.
  function place(link) {
    box.style.left = "0px";
    box.style.top = "0px";
    var lines = link.getClientRects();
    var first = lines[0] || link.getBoundingClientRect(), last = lines[lines.length - 1] || first;
    var width = box.offsetWidth, height = box.offsetHeight;
    var viewport = document.documentElement.clientWidth;
    var left = Math.max(8, Math.min(last.left, viewport - width - 8));
    var top = last.bottom + 6;
    if (top + height > window.innerHeight && first.top - height - 6 >= 0) {
      top = first.top - height - 6;
      left = Math.max(8, Math.min(first.left, viewport - width - 8));
    }
    box.style.left = Math.round(left + window.scrollX) + "px";
    box.style.top = Math.round(top + window.scrollY) + "px";
  }

  function show(link) {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    if (current === link) { return; }
    hide();
    popover();
    fill(previews[link.getAttribute("href")]);
    box.hidden = false;
    place(link);
    link.setAttribute("aria-describedby", box.id);
    current = link;
  }

  function hide() {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    if (!current) { return; }
    current.removeAttribute("aria-describedby");
    box.hidden = true;
    current = null;
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 200);
  }

  document.addEventListener("mouseover", function (event) {
    var link = linkOf(event.target);
    if (!link) { return; }
    clearTimeout(hideTimer);
    if (link === current) { return; }
    clearTimeout(showTimer);
    showTimer = setTimeout(function () { show(link); }, 250);
  });
  document.addEventListener("mouseout", function (event) {
    var link = linkOf(event.target);
    if (!link || link.contains(event.relatedTarget)) { return; }
    clearTimeout(showTimer);
    if (link === current) { hideSoon(); }
  });
  document.addEventListener("focusin", function (event) {
    var link = linkOf(event.target);
    if (link) { show(link); }
  });
  document.addEventListener("focusout", function (event) {
    if (current && event.target === current) { hide(); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && current) { hide(); }
  });
  window.addEventListener("resize", hide);
})();
