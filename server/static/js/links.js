// Shared by the page scripts: which link targets may be followed from data the server sent.
(function () {
  "use strict";

  /** A same-site or http(s) link target, or null for anything else (e.g. javascript: URLs). */
  function safeHref(href) {
    if (typeof href !== "string" || href === "") return null;
    try {
      const url = new URL(href, window.location.href);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (error) {
      return null;
    }
  }

  window.scokgLinks = Object.freeze({ safeHref: safeHref });
})();
