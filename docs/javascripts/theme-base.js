/* The helpers the theme's bundle expects before it runs (Material's partials/javascripts/base.html
   writes them as an inline script; the site's Content-Security-Policy allows no inline script, so
   overrides/partials/javascripts/base.html loads this file instead, in the same place in <head>).

   __md_scope is the root of the site: this file lives at <root>/javascripts/, so the root is the
   folder above the script's own address (the theme uses its base_url, which is the same folder).
   __md_get and __md_set keep the theme's small preferences in localStorage under that root;
   __md_hash is the theme's string hash. */
(function () {
  "use strict";

  var self = document.currentScript;
  window.__md_scope = new URL("..", self ? self.src : location.href);
  window.__md_hash = function (text) {
    return Array.from(text).reduce(function (hash, ch) {
      return (hash << 5) - hash + ch.charCodeAt(0);
    }, 0);
  };
  window.__md_get = function (key, storage, scope) {
    storage = storage || localStorage;
    scope = scope || window.__md_scope;
    return JSON.parse(storage.getItem(scope.pathname + "." + key));
  };
  window.__md_set = function (key, value, storage, scope) {
    storage = storage || localStorage;
    scope = scope || window.__md_scope;
    try {
      storage.setItem(scope.pathname + "." + key, JSON.stringify(value));
    } catch (ignored) {
      // storage full or switched off: the preference is simply not kept
    }
  };
})();
