/* plansite search: runs pagefind in the browser against the index built into
   pagefind/. Every URL is computed from the page (data-pagefind, data-root),
   so the site works under any subpath; nothing is fetched from another origin.
   The index holds a record per section; each result links the paragraph its
   best hit is in, with an excerpt from that paragraph. Results containing
   the whole query as a phrase come first. If the index cannot load (e.g. from file://), the browse links stay. */
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var browse = document.getElementById("search-browse");
  if (!form || !input || !status || !list || !browse || !window.fetch || !window.URL) return;

  var PAGE = 10;
  var t = form.dataset;
  var base = new URL(t.pagefind, document.baseURI).href;
  var root = t.root || "";
  var loading = null;
  var seq = 0;
  var current = { results: [], shown: 0, q: "" };
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
     each language's extra folders); merge those of this page's language. */
  function shards(pf) {
    var lang = (document.documentElement.getAttribute("lang") || "").toLowerCase();
    return fetch(base + "shards.json")
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

  /* The excerpt is text with <mark> around hits; build it as DOM, never as HTML. */
  function excerpt(html) {
    var p = document.createElement("p");
    p.className = "search-excerpt";
    var mark = null;
    html.split(/(<\/?mark>)/).forEach(function (part) {
      if (part === "<mark>") { mark = document.createElement("mark"); p.appendChild(mark); return; }
      if (part === "</mark>") { mark = null; return; }
      var text = part.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"").replace(/&#39;/g, "'").replace(/&amp;/g, "&");
      (mark || p).appendChild(document.createTextNode(text));
    });
    return p;
  }

  /* Characters of a word of pagefind's content that the build counted for
     the paragraph map: the text as given, not its entities or word breaks. */
  function counted(word) {
    return word.replace(/&(?:lt|gt|quot|#39|amp);/g, "x").replace(/[\s\u200B]/g, "").length;
  }

  /* A section record's meta "p" maps its text to its paragraphs ("id:offset",
     offsets in counted characters). Returns every paragraph with a hit, the
     best first (most hits next to each other, i.e. the query as a phrase,
     then most hits), each with an excerpt of at most EXCERPT words from
     inside it; or null for a record without the map. */
  var EXCERPT = 36;
  function paragraphs(data) {
    var map = String((data.meta || {}).p || "");
    var content = String(data.raw_content || data.content || "");
    if (!map || !content) return null;
    var zws = content.indexOf("\u200B") >= 0;
    var words = zws ? content.split("\u200B") : content.split(/[^\S\uFEFF]+/);
    var starts = map.split(" ").map(function (pair) {
      var k = pair.lastIndexOf(":");
      return { id: pair.slice(0, k), at: +pair.slice(k + 1), word: words.length };
    });
    /* The word each paragraph starts at. */
    var count = 0, next = 0;
    for (var i = 0; i < words.length && next < starts.length; i++) {
      while (next < starts.length && count >= starts[next].at) starts[next++].word = i;
      count += counted(words[i]);
    }
    var marked = {};
    (data.locations || []).forEach(function (l) { marked[l] = true; });
    var found = [];
    starts.forEach(function (p, k) {
      var to = k + 1 < starts.length ? starts[k + 1].word : words.length;
      var hits = [], pairs = 0;
      for (var w = p.word; w < to; w++) {
        if (!marked[w]) continue;
        hits.push(w);
        if (marked[w + 1] && w + 1 < to) pairs++;
      }
      if (!hits.length) return;
      var best = hits[0];
      for (var h = 0; h < hits.length; h++) if (marked[hits[h] + 1]) { best = hits[h]; break; }
      var start = Math.max(p.word, Math.min(best - Math.floor(EXCERPT / 3), to - EXCERPT));
      var end = Math.min(to, start + EXCERPT);
      var parts = [];
      for (var x = start; x < end; x++) parts.push(marked[x] ? "<mark>" + words[x] + "</mark>" : words[x]);
      found.push({
        id: p.id,
        score: pairs * 1000 + hits.length,
        order: k,
        excerpt: (start > p.word ? "…" : "") + parts.join(zws ? "" : " ").trim() + (end < to ? "…" : "")
      });
    });
    if (!found.length) return null;
    var first = found.slice().sort(function (x, y) { return y.score - x.score || x.order - y.order; })[0];
    return [first].concat(found.filter(function (f) { return f !== first; }));
  }

  function item(data) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    var found = paragraphs(data);
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
    li.appendChild(excerpt(found ? found[0].excerpt : data.excerpt || ""));
    /* The section's other paragraphs with a hit, in their order. */
    if (found && found.length > 1) {
      var also = document.createElement("ul");
      also.className = "search-also";
      found.slice(1).forEach(function (f) {
        var sub = document.createElement("li");
        var link = document.createElement("a");
        link.href = page + "#" + f.id;
        link.appendChild(excerpt(f.excerpt));
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
     (its exact search, which does not rank) move to the front, in rank order. */
  function merged(pf, q) {
    var plain = q.replace(/"/g, " ").trim();
    return Promise.all([pf.search("\"" + plain + "\""), pf.search(plain)]).then(function (rs) {
      var phrase = {};
      var ranked = (rs[1] && rs[1].results) || [];
      ((rs[0] && rs[0].results) || []).forEach(function (r) { phrase[r.id] = true; });
      var known = {};
      ranked.forEach(function (r) { known[r.id] = true; });
      var extra = ((rs[0] && rs[0].results) || []).filter(function (r) { return !known[r.id]; });
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
      current = { results: results, shown: 0, q: q };
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
