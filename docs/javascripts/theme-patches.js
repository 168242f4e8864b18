/* Corrections to the theme, run before its bundle (overrides/main.html loads this file in the
   scripts block; it used to be inline, which the site's Content-Security-Policy does not allow).

   - The theme's JavaScript fetches sitemap.xml under every rel=alternate link; for per-page
     alternates and the Atom feeds' links those requests fail (console errors). The links are for
     crawlers and feed readers, which read the HTML, so they are taken out of the live DOM before
     the bundle runs.
   - Each language has its own search index (postbuild.py); the theme looks for it under its
     "base", so on the pages of another language than the default one the base is pointed at
     that language's folder. The template names the folder in data-search-base.
   - Tables wider than the screen become keyboard-scrollable regions (only while they scroll).
   - An element that gets focus while the phone-width search has locked the page is scrolled
     into view. */
(function () {
  "use strict";

  document.querySelectorAll('link[rel="alternate"][hreflang], link[rel="alternate"][type="application/atom+xml"]')
    .forEach(function (link) { link.remove(); });

  var self = document.currentScript;
  var searchBase = self && self.getAttribute("data-search-base");
  var config = document.getElementById("__config");
  if (searchBase && config) {
    var settings = JSON.parse(config.textContent);
    settings.base = settings.base.replace(/\/?$/, "/" + searchBase + "/");
    config.textContent = JSON.stringify(settings);
  }

  // A table wider than the screen scrolls in its wrapper; keyboard users must reach it (WCAG 2.1.1).
  function mark() {
    // .md-typeset__scrollwrap: the theme's wrapper of a Markdown table (the editors' guide)
    document.querySelectorAll(".ss-table-wrap, .md-typeset__scrollwrap").forEach(function (wrap) {
      var caption = wrap.querySelector("caption") || heading(wrap);
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.tabIndex = 0;
        wrap.setAttribute("role", "region");
        if (caption) wrap.setAttribute("aria-label", caption.textContent.trim());
      } else if (wrap.getAttribute("role") === "region") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }
  function heading(wrap) {  // the heading a Markdown table stands under names its region
    for (var node = wrap.previousElementSibling; node; node = node.previousElementSibling)
      if (/^H[1-6]$/.test(node.tagName)) return node;
    return null;
  }
  mark();
  addEventListener("load", mark);  // the theme wraps Markdown tables in its scroll wrapper on load
  addEventListener("resize", mark);

  // On small screens the theme opens the search when its field gets focus and locks the page's
  // scrolling; when Tab then leaves the field, the search closes but the newly focused element
  // stays where the page was locked, off the screen. Bring it into view once the page is free.
  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (!target.getBoundingClientRect || target.closest(".md-search")) return;
    setTimeout(function () {
      var box = target.getBoundingClientRect();
      if (document.activeElement === target && (box.top >= innerHeight || box.bottom <= 0))
        target.scrollIntoView({block: "nearest"});
    }, 100);
  });
})();
