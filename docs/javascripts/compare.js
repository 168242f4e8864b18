/* Compare organisations side by side (compare/side-by-side/).
   Progressive enhancement: without this script the page lists every organisation. With it,
   the reader picks organisations in the form and only their columns are shown, in the order
   chosen. The choice lives in the URL query (?a=keski-pohjanmaa&b=kymenlaakso), so a view
   can be shared and the back button works. No library, no request; all interface text
   comes from data- attributes written by the page template. */
(function () {
  "use strict";

  var root = document.querySelector("[data-ss-compare]");
  if (!root) { return; }
  var form = root.querySelector("form");
  var grid = root.querySelector("[data-ss-cards]");
  var status = root.querySelector("[role=status]");
  if (!form || !grid || !status || !window.URLSearchParams || !window.history) { return; }

  var keys = (root.getAttribute("data-keys") || "a b").split(" ");
  var cards = {};
  Array.prototype.forEach.call(grid.querySelectorAll("[data-slug]"), function (card) {
    cards[card.getAttribute("data-slug")] = card;
  });
  var total = Object.keys(cards).length;

  function select(key) { return form.elements.namedItem(key); }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : whole;
    });
  }

  // The chosen slugs in the order of the fields, each once, unknown ones ignored.
  function chosen() {
    var out = [];
    keys.forEach(function (key) {
      var field = select(key);
      var slug = field ? field.value : "";
      if (slug && cards[slug] && out.indexOf(slug) === -1) { out.push(slug); }
    });
    return out;
  }

  function name(slug) {
    return cards[slug].getAttribute("data-name") || slug;
  }

  function show() {
    var picked = chosen();
    // The chosen cards move in the document, not only on screen (CSS order), so a screen reader
    // and the Tab key meet them in the order chosen; the rest keep the page's own order.
    // Only cards out of place move: on the first paint nothing is picked and nothing moves, so
    // the page is not laid out again while it loads.
    var rest = Object.keys(cards).filter(function (slug) { return picked.indexOf(slug) === -1; });
    var placed = grid.querySelectorAll(":scope > [data-slug]");
    picked.concat(rest).forEach(function (slug, i) {
      var card = cards[slug];
      var hide = picked.length > 0 && picked.indexOf(slug) === -1;
      if (card.hidden !== hide) { card.hidden = hide; }
      if (placed[i] !== card) {
        grid.insertBefore(card, placed[i] || null);
        placed = grid.querySelectorAll(":scope > [data-slug]");
      }
    });
    grid.setAttribute("data-count", String(picked.length || "all"));
    root.classList.toggle("ss-cmp-chooser--picked", picked.length > 0);
    var message = picked.length
      ? fill(root.getAttribute("data-msg-some") || "", { n: picked.length, total: total, names: picked.map(name).join(", ") })
      : fill(root.getAttribute("data-msg-all") || "", { total: total });
    status.textContent = message;
  }

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    keys.forEach(function (key) {
      var field = select(key);
      if (!field) { return; }
      var slug = params.get(key) || "";
      field.value = cards[slug] ? slug : "";
    });
  }

  function writeUrl() {
    var params = new URLSearchParams(window.location.search);
    keys.forEach(function (key) { params.delete(key); });
    chosen().forEach(function (slug, i) { params.set(keys[i], slug); });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    window.history.pushState(null, "", url);
  }

  form.hidden = false;
  root.classList.add("ss-cmp-chooser--js");
  readUrl();
  show();

  function choose() {
    writeUrl();
    show();
  }

  form.addEventListener("change", choose);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    choose();
  });
  var all = form.querySelector("[data-ss-show-all]");
  if (all) {
    all.addEventListener("click", function () {
      keys.forEach(function (key) { var field = select(key); if (field) { field.value = ""; } });
      choose();
    });
  }
  window.addEventListener("popstate", function () {
    readUrl();
    show();
  });
})();
