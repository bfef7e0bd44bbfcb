/* plansite search: runs pagefind in the browser against the index built into
   pagefind/. Every URL is computed from the page (data-pagefind, data-root),
   so the site works under any subpath; nothing is fetched from another origin.
   The index holds a record per section; each result links the paragraph its
   best hit is in, with an excerpt from that paragraph (search-text.js). Results containing
   the whole query as a phrase come first. If the index cannot load (e.g. from file://), the browse links stay. */
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var browse = document.getElementById("search-browse");
  if (!form || !input || !status || !list || !browse || !window.fetch || !window.URL || !window.PlansiteSearchText) return;

  var PAGE = 10;
  var t = form.dataset;
  var base = new URL(t.pagefind, document.baseURI).href;
  var root = t.root || "";
  var loading = null;
  var seq = 0;
  var current = { results: [], shown: 0, q: "", terms: [] };
  var st = window.PlansiteSearchText;
  /* This language's synonym groups (pagefind/synonyms.json). */
  var groups = [];
  var more = null;

  var OPTIONS = { excerptLength: 36 };

  function load() {
    if (!loading) {
      loading = import(base + "pagefind.js").then(function (pf) {
        return pf.options(Object.assign({ basePath: base }, OPTIONS))
          .then(function () { return shards(pf); })
          .then(function () { return pf; });
      });
      loading.catch(unavailable);
    }
    return loading;
  }

  /* A large site's index is split into shards (pagefind/shards.json lists
     each language's extra folders); merge those of this page's language.
     And read the language's synonym groups first. */
  function shards(pf) {
    var lang = (document.documentElement.getAttribute("lang") || "").toLowerCase();
    var synonyms = fetch(base + "synonyms.json")
      .then(function (r) { return r.ok ? r.json() : {}; })
      .then(function (m) { groups = m[lang] || []; }, function () { groups = []; });
    return synonyms.then(function () { return fetch(base + "shards.json"); })
      .then(function (r) { return r.ok ? r.json() : {}; })
      .then(function (m) {
        return Promise.all((m[lang] || []).map(function (dir) {
          return pf.mergeIndex(base + dir, Object.assign({ language: lang }, OPTIONS));
        }));
      });
  }

  function unavailable() {
    status.textContent = t.tUnavailable;
    list.hidden = true;
    browse.hidden = false;
  }

  function say(template, n, q) {
    return template.replace("{n}", String(n)).replace("{q}", q);
  }

  /* An excerpt is pieces of text, marked or not; built as DOM, never as HTML. */
  function excerpt(parts) {
    var p = document.createElement("p");
    p.className = "search-excerpt";
    parts.forEach(function (part) {
      var node = document.createTextNode(part.text);
      if (part.mark) {
        var mark = document.createElement("mark");
        mark.appendChild(node);
        node = mark;
      }
      p.appendChild(node);
    });
    return p;
  }

  /* pagefind's own excerpt (a record without a paragraph map), as pieces. */
  function ownExcerpt(html) {
    var parts = [], mark = false;
    String(html || "").split(/(<\/?mark>)/).forEach(function (part) {
      if (part === "<mark>") { mark = true; return; }
      if (part === "</mark>") { mark = false; return; }
      var text = part.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"").replace(/&#39;/g, "'").replace(/&amp;/g, "&");
      if (text) parts.push({ text: text, mark: mark });
    });
    /* Its start may fall on punctuation: start after it. */
    if (parts.length && !parts[0].mark) {
      var lead = parts[0].text.replace(/^[\s、，。；：！？,.;:!?）)】」』”’·…—-]+/, "");
      if (lead !== parts[0].text) parts[0] = { text: "…" + lead, mark: false };
    }
    return parts;
  }

  function item(data) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    var found = st.paragraphs(data, current.terms);
    var url = String(data.raw_url || data.url).replace(/^\//, "");
    var page = root + url.replace(/#.*$/, "");
    a.href = found ? page + "#" + found[0].id : root + url;
    var meta = data.meta || {};
    var chapter = document.createElement("span");
    chapter.className = "search-chapter";
    chapter.textContent = meta.chapter || "";
    a.appendChild(chapter);
    if (meta.title && meta.title !== meta.chapter) {
      var section = document.createElement("span");
      section.className = "search-section";
      section.textContent = meta.title;
      a.appendChild(document.createTextNode(" "));
      a.appendChild(section);
    }
    li.appendChild(a);
    li.appendChild(excerpt(found ? found[0].pieces : ownExcerpt(data.excerpt)));
    /* The section's other paragraphs with a hit, in their order. */
    if (found && found.length > 1) {
      var also = document.createElement("ul");
      also.className = "search-also";
      found.slice(1).forEach(function (f) {
        var sub = document.createElement("li");
        var link = document.createElement("a");
        link.href = page + "#" + f.id;
        link.appendChild(excerpt(f.pieces));
        sub.appendChild(link);
        also.appendChild(sub);
      });
      li.appendChild(also);
    }
    return li;
  }

  function showMore(mine) {
    var batch = current.results.slice(current.shown, current.shown + PAGE);
    current.shown += batch.length;
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (datas) {
      if (mine !== seq) return;
      var first = null;
      datas.forEach(function (d) {
        var li = item(d);
        first = first || li;
        list.appendChild(li);
      });
      if (more) more.hidden = current.shown >= current.results.length;
      return first;
    });
  }

  /* pagefind ranks every match; those that hold the whole query as a phrase
     (its exact search, which does not rank) move to the front, in rank order.
     The query with a synonym put for one of its terms is searched too (the
     index already holds each record's synonyms; this finds the rest), and
     its results join by score. */
  function merged(pf, q) {
    var plain = q.replace(/"/g, " ").trim();
    var more = st.variants(plain, groups, 4);
    var searches = [pf.search("\"" + plain + "\""), pf.search(plain)].concat(more.map(function (v) { return pf.search(v); }));
    return Promise.all(searches).then(function (rs) {
      var resultsOf = function (r) { return (r && r.results) || []; };
      var phrase = {};
      resultsOf(rs[0]).forEach(function (r) { phrase[r.id] = true; });
      var best = {};
      rs.slice(1).forEach(function (r) {
        resultsOf(r).forEach(function (x) { if (!best[x.id] || best[x.id].score < x.score) best[x.id] = x; });
      });
      var ranked = Object.keys(best).map(function (id) { return best[id]; })
        .sort(function (x, y) { return y.score - x.score || (x.id < y.id ? -1 : 1); });
      var extra = resultsOf(rs[0]).filter(function (r) { return !best[r.id]; });
      return ranked.filter(function (r) { return phrase[r.id]; })
        .concat(extra, ranked.filter(function (r) { return !phrase[r.id]; }));
    });
  }

  function run(q) {
    var mine = ++seq;
    q = q.trim();
    list.textContent = "";
    if (more) more.hidden = true;
    if (!q) { status.textContent = ""; list.hidden = true; return Promise.resolve(); }
    status.textContent = t.tLoading;
    return load().then(function (pf) { return merged(pf, q); }).then(function (results) {
      if (mine !== seq) return;
      current = { results: results, shown: 0, q: q, terms: st.terms(q, groups) };
      list.hidden = results.length === 0;
      return showMore(mine).then(function () {
        if (mine !== seq) return;
        status.textContent = results.length === 0 ? say(t.tNone, 0, q)
          : results.length === 1 ? t.tCountOne : say(t.tCount, results.length, q);
      });
    }, function () { if (mine === seq) unavailable(); });
  }

  function remember(q) {
    try {
      var url = new URL(location.href);
      if (q) url.searchParams.set("q", q); else url.searchParams.delete("q");
      history.replaceState(null, "", url.href);
    } catch (e) { /* file:// or sandboxed: the query just is not kept */ }
  }

  var timer = null;
  function later() {
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value); }, 250);
  }
  /* While an input method composes (pinyin), wait for the finished characters. */
  input.addEventListener("input", function (e) { if (!e.isComposing) later(); });
  input.addEventListener("compositionend", later);
  input.addEventListener("focus", function () { load().catch(function () {}); }, { once: true });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(timer);
    remember(input.value.trim());
    run(input.value);
  });

  /* Arrow keys move between the input and the result links. */
  form.parentNode.addEventListener("keydown", function (e) {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    if (!links.length) return;
    var at = links.indexOf(document.activeElement);
    var next = null;
    if (document.activeElement === input && e.key === "ArrowDown") next = links[0];
    else if (at >= 0) next = e.key === "ArrowDown" ? links[at + 1] : (links[at - 1] || input);
    if (!next) return;
    next.focus();
    e.preventDefault();
  });

  more = document.createElement("button");
  more.type = "button";
  more.className = "search-more";
  more.textContent = t.tMore;
  more.hidden = true;
  more.addEventListener("click", function () {
    showMore(seq).then(function (first) {
      var a = first && first.querySelector("a");
      if (a) a.focus();
    });
  });
  list.parentNode.insertBefore(more, list.nextSibling);

  form.hidden = false;
  browse.hidden = true;
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) { input.value = initial; run(initial); }
  else if (location.protocol === "file:") { load().catch(function () {}); }
})();
