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
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
    });
  });

  // Search: a prebuilt index of localities and officials.
  var form = document.querySelector("form.search");
  if (!form) return;
  var input = form.querySelector("input[type=search]");
  var list = document.getElementById("results");
  var index = null;
  var indexURL = form.getAttribute("data-index");
  // Index URLs are relative to the site root; English pages live under en/.
  var base = indexURL.slice(0, indexURL.lastIndexOf("/") + 1) + (form.getAttribute("data-prefix") || "");
  // Whole words without diacritics: "kenh muong" finds "Kênh mương", "an binh"
  // does not find "Lương Mạnh Bình". The last word may be a prefix while typing.
  // Ranked: exact name, then the name holding every word, then any field; officials,
  // localities, then commitments.
  function show(q) {
    while (list.firstChild) list.removeChild(list.firstChild);
    var terms = fold(q).split(/[^a-z0-9]+/).filter(Boolean);
    if (!terms.length || !index) return;
    var phrase = terms.join(" ");
    function words(s) { return s.split(/[^a-z0-9]+/).filter(Boolean); }
    function has(ws, t, last) {
      for (var i = 0; i < ws.length; i++) if (ws[i] === t || (last && t.length >= 3 && ws[i].indexOf(t) === 0)) return true;
      return false;
    }
    var typeRank = { o: 0, l: 1, c: 2 };
    var hits = [];
    index.forEach(function (e) {
      var all = words(e.k), name = words(e.f);
      if (!terms.every(function (t, i) { return has(all, t, i === terms.length - 1); })) return;
      var score = name.join(" ") === phrase ? 0 : (terms.every(function (t, i) { return has(name, t, i === terms.length - 1); }) ? 1 : 2);
      hits.push({ e: e, s: score * 10 + (typeRank[e.y] || 0) });
    });
    hits.sort(function (a, b) { return a.s - b.s || a.e.f.localeCompare(b.e.f); });
    hits.slice(0, 50).forEach(function (h) {
      var e = h.e;
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = base + e.u;
      a.textContent = e.n;
      li.appendChild(a);
      if (e.d) li.appendChild(document.createTextNode(" — " + e.d));
      list.appendChild(li);
    });
    if (!hits.length) {
      var none = document.createElement("li");
      none.textContent = form.getAttribute("data-none") || "";
      list.appendChild(none);
    }
  }
  function load(then) {
    if (index) return then();
    var req = new XMLHttpRequest();
    req.open("GET", indexURL);
    req.onload = function () {
      try { index = JSON.parse(req.responseText); } catch (e) { index = []; }
      then();
    };
    req.send();
  }
  form.addEventListener("submit", function (e) { e.preventDefault(); load(function () { show(input.value); }); });
  input.addEventListener("input", function () { load(function () { show(input.value); }); });
  var m = /[?&]q=([^&]*)/.exec(location.search);
  if (m) { input.value = decodeURIComponent(m[1].replace(/\+/g, " ")); load(function () { show(input.value); }); }
})();
