// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Diacritic-insensitive folding: "Hà Nội" and "ha noi" match; đ → d.
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }

  // Numbers are written the Vietnamese way on Vietnamese pages (83,13).
  function num(s) { return parseFloat(s.replace(/\s/g, "").replace(",", ".")) || 0; }

  // Sortable tables: click a header marked data-sort, or any header of a .sortable table.
  // On one page of a longer list, sorting reorders that page's rows only:
  // a note under the table says so (the pager carries its text).
  var pager = document.querySelector("nav.pager[data-sort-note]");
  function noteSortedPage(table) {
    if (!pager) return;
    var wrap = table.closest(".table-wrap") || table;
    var note = wrap.nextElementSibling;
    if (!note || !note.classList.contains("sort-note")) {
      note = document.createElement("p");
      note.className = "sort-note";
      note.setAttribute("role", "status");
      wrap.parentNode.insertBefore(note, wrap.nextSibling);
    }
    note.textContent = pager.getAttribute("data-sort-note");
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var heads = table.querySelectorAll("thead th");
    heads.forEach(function (th, col) {
      th.tabIndex = 0;
      th.setAttribute("aria-sort", "none");
      function sort() {
        var numeric = th.getAttribute("data-sort") === "num";
        var asc = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[col].textContent.trim(), y = b.cells[col].textContent.trim();
          var r = numeric ? num(x) - num(y) : fold(x).localeCompare(fold(y), "vi");
          return asc ? r : -r;
        });
        rows.forEach(function (r) { body.appendChild(r); });
        noteSortedPage(table);
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
    });
  });

  // Search over the index in search/ (decision 91): each word's list of
  // entries sits in the bucket its hash names, long lists in files of their
  // own; a query fetches the buckets of its words, then the shortest list
  // (when that is too long, a narrower one: an adjacent word pair, which
  // tells people apart), and keeps the entries holding every word. Whole words without diacritics: "kenh muong"
  // finds "Kênh mương", "an binh" does not find "Lương Mạnh Bình"; after the
  // first word, the last may be unfinished (3 letters or more: "kenh muo").
  // Ranked: exact name, then the name holding every word, then any field;
  // officials, localities, then commitments.
  var form = document.querySelector("form.search");
  if (!form) return;
  var input = form.querySelector("input[type=search]");
  var list = document.getElementById("results");
  var dir = form.getAttribute("data-index");
  // Addresses in the index are relative to the site root; English pages live under en/.
  var base = dir.slice(0, dir.length - "search/".length) + (form.getAttribute("data-prefix") || "");
  var MAX_PARTS = 3;  // search/index.json says; a list is written no further
  var files = {};
  function get(url, then) {
    var f = files[url];
    if (f && f.done) return then(f.data);
    if (f) return f.wait.push(then);
    f = files[url] = { done: false, data: null, wait: [then] };
    var req = new XMLHttpRequest();
    req.open("GET", url);
    req.onload = req.onerror = function () {
      if (req.status === 200 || req.status === 0) { try { f.data = JSON.parse(req.responseText); } catch (e) { f.data = null; } }
      f.done = true;
      f.wait.forEach(function (w) { w(f.data); });
    };
    req.send();
  }
  function getAll(urls, then) {
    var out = [], left = urls.length;
    if (!left) return then(out);
    urls.forEach(function (u, i) { get(u, function (d) { out[i] = d; if (--left === 0) then(out); }); });
  }
  // FNV-1a over the key's bytes (keys are ASCII), as SearchIndex.hash.
  function hash(s) {
    var h = 0x811c9dc5;
    for (var i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193); }
    return h >>> 0;
  }
  function words(s) { return fold(s).split(/[^a-z0-9]+/).filter(Boolean); }
  // An entry is [type, name, description, address]; the words it is found by
  // are those it is listed under: name, and an official's position and locality,
  // a locality's id.
  function entryWords(e) {
    var w = words(e[1]);
    if (e[0] === "o") w = w.concat(words(e[2]));
    if (e[0] === "l") w = w.concat(e[3].split("/")[1].split("-"));
    return w;
  }
  function has(ws, t, prefix) {
    for (var i = 0; i < ws.length; i++) if (ws[i] === t || (prefix && ws[i].indexOf(t) === 0)) return true;
    return false;
  }
  function rank(entries, terms, open) {
    var phrase = terms.join(" "), last = terms.length - 1;
    var typeRank = { o: 0, l: 1, c: 2 };
    var hits = [];
    entries.forEach(function (e) {
      var all = entryWords(e), name = words(e[1]);
      if (!terms.every(function (t, i) { return has(all, t, open && i === last); })) return;
      var score = name.join(" ") === phrase ? 0 : (terms.every(function (t, i) { return has(name, t, open && i === last); }) ? 1 : 2);
      hits.push({ e: e, s: score * 10 + (typeRank[e[0]] || 0), name: name.join(" ") });
    });
    // Ties by folded name, then address (both ASCII: code units order as bytes, as in SearchIndex).
    function cmp(x, y) { return x < y ? -1 : x > y ? 1 : 0; }
    hits.sort(function (a, b) { return a.s - b.s || cmp(a.name, b.name) || cmp(a.e[3], b.e[3]); });
    return hits;
  }
  function search(q, then) {
    var terms = words(q);
    if (!terms.length) return then(null, false);
    var last = terms.length - 1;
    // The lists are of whole words: the last word may be unfinished (3 letters
    // or more) only when another word picks the list; a word alone is whole.
    var open = last > 0 && terms[last].length >= 3;
    var closed = open ? terms.slice(0, last) : terms;
    var keys = [];
    closed.forEach(function (t) { if (keys.indexOf(t) < 0) keys.push(t); });
    // Narrower lists for when a word's list is too long to fetch: adjacent
    // pairs (a name as typed) and the unfinished word taken as whole.
    var narrow = [];
    for (var i = 0; i < last; i++) narrow.push(terms[i] + " " + terms[i + 1]);
    if (open) narrow.push(terms[last]);
    function lists(meta, ks, then) {
      getAll(ks.map(function (k) { return dir + (hash(k) % meta.buckets) + ".json"; }), function (buckets) {
        then(ks.map(function (k, i) {
          var b = buckets[i];
          return b && Object.prototype.hasOwnProperty.call(b, k) ? b[k] : null;
        }));
      });
    }
    function fits(l) { return l.e !== undefined || l.p <= MAX_PARTS; }
    function fetch(use, partial) {
      if (use.e !== undefined) return then(rank(use.e, terms, open), partial);
      var urls = [];
      for (var p = 1; p <= Math.min(use.p, MAX_PARTS); p++) urls.push(dir + use.f + "-" + p + ".json");
      getAll(urls, function (parts) {
        var entries = [];
        parts.forEach(function (part) { if (part) entries = entries.concat(part); });
        then(rank(entries, terms, open), partial);
      });
    }
    get(dir + "index.json", function (meta) {
      if (!meta || !meta.buckets) return then([], false);
      MAX_PARTS = meta.parts || MAX_PARTS;
      lists(meta, keys, function (found) {
        var word = null;
        for (var i = 0; i < found.length; i++) {
          if (!found[i]) return then([], false);  // a whole word found nowhere
          if (!word || found[i].n < word.n) word = found[i];
        }
        if (fits(word) || !narrow.length) return fetch(word, !fits(word));
        // Too long: the shortest narrower list that fits, or the first parts
        // (people and places first); either way there may be more.
        lists(meta, narrow, function (more) {
          var use = word;
          more.forEach(function (n) { if (n && fits(n) && (!fits(use) || n.n < use.n)) use = n; });
          fetch(use, true);
        });
      });
    });
  }
  var asked = 0;
  function show(q) {
    var mine = ++asked;
    search(q, function (hits, partial) {
      if (mine !== asked) return;
      while (list.firstChild) list.removeChild(list.firstChild);
      list.setAttribute("data-query", q);
      if (!hits) return;
      hits.slice(0, 50).forEach(function (h) {
        var e = h.e;
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = base + e[3];
        a.textContent = e[1];
        li.appendChild(a);
        if (e[2]) li.appendChild(document.createTextNode(" — " + e[2]));
        list.appendChild(li);
      });
      // Said first when there may be more than was fetched: the one looked for
      // may need another word; last when nothing was found.
      if (!hits.length || partial) {
        var note = document.createElement("li");
        note.className = "note";
        note.textContent = form.getAttribute(partial ? "data-partial" : "data-none") || "";
        list.insertBefore(note, list.firstChild);
      }
    });
  }
  form.addEventListener("submit", function (e) { e.preventDefault(); show(input.value); });
  input.addEventListener("input", function () { show(input.value); });
  var m = /[?&]q=([^&]*)/.exec(location.search);
  if (m) { input.value = decodeURIComponent(m[1].replace(/\+/g, " ")); show(input.value); }
})();
