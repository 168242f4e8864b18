/* Find the organisation of a municipality (home page, templates/finder.html.j2).
   Progressive enhancement: without this script the form leads to the A–Ö list page. With it,
   the field is an ARIA 1.2 combobox: suggestions as the reader types, forgiving case, missing
   diacritics and small typos, by the Finnish and the Swedish name; arrows, Enter and Escape.
   The index comes from the form's data-index attribute (written at build time); no request.
   The matching functions are plain and exported for node, where the tests run them. */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) { module.exports = api; }
  if (typeof document !== "undefined") { api.enhance(document); }
}(this, function () {
  "use strict";

  var MAX_SUGGESTIONS = 8;

  /* "Pedersören kunta" -> "pedersoren kunta": lower case, no diacritics, words of a-z and 0-9. */
  function normalise(text) {
    return String(text).toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, " ").trim();
  }

  /* Edit distance with adjacent transpositions (optimal string alignment), stopping early
     once every path is beyond limit. */
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) { return limit + 1; }
    var previous2 = [], previous = [], current, i, j;
    for (j = 0; j <= b.length; j++) { previous[j] = j; }
    for (i = 1; i <= a.length; i++) {
      current = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1;
        var value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) === b.charAt(j - 2) && a.charAt(i - 2) === b.charAt(j - 1)) {
          value = Math.min(value, previous2[j - 2] + 1);
        }
        current[j] = value;
        if (value < best) { best = value; }
      }
      if (best > limit) { return limit + 1; }
      previous2 = previous;
      previous = current;
    }
    return previous[b.length];
  }

  /* How many typos a query of this length may hold. */
  function allowance(length) {
    if (length >= 8) { return 2; }
    if (length >= 4) { return 1; }
    return 0;
  }

  /* Lower is better; Infinity when key does not match query at all. */
  function score(query, key) {
    if (!key) { return Infinity; }
    if (key === query) { return 0; }
    if (key.indexOf(query) === 0) { return 1; }
    if ((" " + key).indexOf(" " + query) >= 0) { return 2; }
    if (key.indexOf(query) > 0) { return 3; }
    var limit = allowance(query.length);
    if (!limit) { return Infinity; }
    var whole = distance(query, key, limit);
    if (whole <= limit) { return 4 + whole; }
    // a typo in what has been typed so far: compare with the start of the name
    var start = Infinity;
    for (var n = query.length - 1; n <= query.length + 1; n++) {
      if (n > 0 && n < key.length) { start = Math.min(start, distance(query, key.slice(0, n), limit)); }
    }
    return start <= limit ? 4.5 + start : Infinity;
  }

  /* Prepare the index once: {orgs: [[slug, name]], municipalities: [[name, other, org, lang]]}. */
  function prepare(index) {
    return index.municipalities.map(function (row, position) {
      return {name: row[0], other: row[1], lang: row[3], slug: index.orgs[row[2]][0],
              org: index.orgs[row[2]][1], position: position,
              keys: [normalise(row[0]), normalise(row[1])]};
    });
  }

  /* The best matches for what the reader typed, best first (then A–Ö, the index's order). */
  function suggest(entries, typed, limit) {
    var query = normalise(typed);
    if (!query) { return []; }
    var found = [];
    entries.forEach(function (entry) {
      var own = score(query, entry.keys[0]);
      var other = score(query, entry.keys[1]);
      var best = Math.min(own, other + 0.25);  // the page language's name first when equal
      if (best !== Infinity) { found.push({entry: entry, score: best}); }
    });
    found.sort(function (a, b) { return a.score - b.score || a.entry.position - b.entry.position; });
    return found.slice(0, limit || MAX_SUGGESTIONS).map(function (item) { return item.entry; });
  }

  function fill(template, n) { return template.replace("{n}", String(n)); }

  function enhance(doc) {
    var form = doc.querySelector("[data-ss-finder]");
    if (!form || !String.prototype.normalize) { return; }
    var input = form.querySelector("input[type=text]");
    var entries;
    try { entries = prepare(JSON.parse(form.getAttribute("data-index"))); } catch (e) { return; }
    var lang = form.getAttribute("data-lang");
    var orgBase = form.getAttribute("data-org-base");

    var list = doc.createElement("ul");
    list.id = input.id + "-list";
    list.className = "ss-finder__list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", form.getAttribute("data-list-label"));
    list.hidden = true;
    var status = doc.createElement("div");
    status.id = input.id + "-status";
    status.className = "ss-visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    status.setAttribute("aria-atomic", "true");
    form.appendChild(list);
    form.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);

    var shown = [];
    var active = -1;

    function target(entry) { return orgBase + entry.slug + "/"; }

    function announce(count) {
      var text = count === 0 ? form.getAttribute("data-count-none")
        : count === 1 ? form.getAttribute("data-count-one") : fill(form.getAttribute("data-count-many"), count);
      if (status.textContent !== text) { status.textContent = text; }
    }

    function setActive(index) {
      var options = list.children;
      if (active >= 0 && options[active]) { options[active].setAttribute("aria-selected", "false"); }
      active = index;
      if (active >= 0 && options[active]) {
        options[active].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", options[active].id);
        if (options[active].scrollIntoView) { options[active].scrollIntoView({block: "nearest"}); }
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      setActive(-1);
    }

    function option(entry, i) {
      var item = doc.createElement("li");
      item.id = list.id + "-" + i;
      item.className = "ss-finder__option";
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      var name = doc.createElement("span");
      name.className = "ss-finder__name";
      name.textContent = entry.name;
      if (entry.lang !== lang) { name.lang = entry.lang; }
      item.appendChild(name);
      if (entry.other) {
        var other = doc.createElement("span");
        other.className = "ss-finder__other";
        other.textContent = " (" + entry.other + ")";
        other.lang = entry.lang === "sv" ? "fi" : "sv";
        item.appendChild(other);
      }
      var org = doc.createElement("span");
      org.className = "ss-finder__org";
      org.textContent = entry.org;
      item.appendChild(org);
      item.addEventListener("mousedown", function (event) { event.preventDefault(); });
      item.addEventListener("click", function () { go(entry); });
      return item;
    }

    function update() {
      shown = suggest(entries, input.value);
      while (list.firstChild) { list.removeChild(list.firstChild); }
      shown.forEach(function (entry, i) { list.appendChild(option(entry, i)); });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (!input.value.trim()) {
        close();
        status.textContent = "";
        return;
      }
      list.hidden = shown.length === 0;
      input.setAttribute("aria-expanded", shown.length ? "true" : "false");
      announce(shown.length);
    }

    function go(entry) {
      input.value = entry.name;
      close();
      window.location.href = target(entry);
    }

    input.addEventListener("input", update);
    input.addEventListener("keydown", function (event) {
      var open = !list.hidden;
      if (event.key === "ArrowDown" || event.key === "Down") {
        event.preventDefault();
        if (!open) { update(); }
        if (shown.length) { setActive(event.altKey ? -1 : (active + 1) % shown.length); }
      } else if (event.key === "ArrowUp" || event.key === "Up") {
        event.preventDefault();
        if (!open) { update(); }
        if (shown.length) { setActive(active <= 0 ? shown.length - 1 : active - 1); }
      } else if (event.key === "Enter") {
        if (open && active >= 0) {
          event.preventDefault();
          go(shown[active]);
        } else if (open && shown.length) {
          event.preventDefault();
          go(shown[0]);
        }  // otherwise the form goes to the list page
      } else if (event.key === "Escape" || event.key === "Esc") {
        if (open) {
          event.preventDefault();
          close();
        } else if (input.value) {
          event.preventDefault();
          input.value = "";
          status.textContent = "";
        }
      }
    });
    input.addEventListener("blur", close);
    input.addEventListener("focus", function () { if (input.value.trim()) { update(); } });
  }

  return {normalise: normalise, distance: distance, prepare: prepare, suggest: suggest, enhance: enhance};
}));
