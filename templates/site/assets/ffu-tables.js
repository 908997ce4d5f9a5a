/*
 * A table wider than the page, such as one inside a requirement text on a phone, scrolls
 * sideways in the theme's wrapper. Such a wrapper gets a visible cue ("Rulla i sidled"), a
 * name, and a place in the tab order, so keyboard users can scroll it too (WCAG 2.1.1).
 * The theme wraps tables from its own script; an observer catches the wrappers as they come.
 */
(function () {
  "use strict";

  function mark(wrap) {
    var wide = wrap.scrollWidth > wrap.clientWidth + 1;
    if (wide === wrap.hasAttribute("data-ffu-scroll-cue")) return;
    if (wide) {
      var caption = wrap.querySelector("caption");
      wrap.setAttribute("data-ffu-scroll-cue", "");
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute(
        "aria-label",
        "Tabell som rullar i sidled" + (caption ? ": " + caption.textContent.trim() : ""),
      );
    } else {
      ["data-ffu-scroll-cue", "tabindex", "role", "aria-label"].forEach(function (name) {
        wrap.removeAttribute(name);
      });
    }
  }

  function markAll() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(mark);
  }

  new MutationObserver(function (records) {
    for (var i = 0; i < records.length; i++) {
      if (records[i].addedNodes.length) {
        markAll();
        return;
      }
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", markAll);
  window.addEventListener("load", markAll);
  window.addEventListener("resize", markAll);
  markAll();
})();
