/* plansite search text: from a pagefind result (a section record) to the
   paragraphs it hits, each with an excerpt that starts at a sentence and
   marks exactly the query's terms and their synonyms. No DOM and no
   network: search.js calls these with the query, the synonym groups of
   pagefind/synonyms.json and a result's data.
   Exposes window.PlansiteSearchText = { terms, variants, paragraphs }. */
(function () {
  "use strict";
  var HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
  var ALNUM = /[A-Za-z0-9]/;
  /* A sentence ends at one of these; an over-long sentence is entered at a clause. */
  var SENTENCE_END = "。！？；!?;";
  var CLAUSE_END = "，：,:";
  /* Never the first character of an excerpt. */
  var LEADING = /[\s、，。；：！？,.;:!?）)】」』”’·…—\-]/;

  function low(s) { return String(s).toLowerCase(); }

  function decode(s) {
    return s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"").replace(/&#39;/g, "'").replace(/&amp;/g, "&");
  }

  /* The Chinese words of a longer Chinese query word, where the browser can segment. */
  function segments(w) {
    if (!HAN.test(w) || w.length < 3 || typeof Intl === "undefined" || !Intl.Segmenter) return [];
    var seg = new Intl.Segmenter("zh", { granularity: "word" });
    return Array.from(seg.segment(w)).filter(function (s) { return s.isWordLike && s.segment.length >= 2; })
      .map(function (s) { return s.segment; });
  }

  /* Whether query word `w` holds group term `t` (the whole word, or inside a Chinese one). */
  function holds(w, t) { return w === t || (HAN.test(t) && w.indexOf(t) >= 0); }

  /* The lowercase terms to mark for query `q`: `all`, its words, the Chinese
     words inside them, and every term of each synonym group one of them
     holds; and `whole`, the query itself and the synonyms of a group it is
     a term of (a paragraph writing one of these ranks first). */
  function terms(q, groups) {
    var all = [];
    function add(list, t) { t = low(t).trim(); if (t && list.indexOf(t) < 0) list.push(t); }
    var plain = String(q).replace(/"/g, " ").replace(/\s+/g, " ").trim();
    var words = plain.split(" ").filter(Boolean);
    var whole = [];
    add(whole, plain);
    add(all, plain);
    words.forEach(function (w) { add(all, w); segments(w).forEach(function (s) { add(all, s); }); });
    var asked = all.slice();
    (groups || []).forEach(function (g) {
      var lg = g.map(low);
      if (!lg.some(function (t) { return asked.some(function (w) { return holds(w, t); }); })) return;
      lg.forEach(function (t) { add(all, t); });
      if (lg.indexOf(low(plain)) >= 0) lg.forEach(function (t) { add(whole, t); });
    });
    return { all: all, whole: whole };
  }

  /* The query with one synonym put for another, for at most `max` more searches. */
  function variants(q, groups, max) {
    var out = [];
    var lq = low(q);
    (groups || []).forEach(function (g) {
      g.forEach(function (t) {
        var at = lq.indexOf(low(t));
        if (at < 0 || (!HAN.test(t) && !whole(lq, at, t.length))) return;
        g.forEach(function (other) {
          if (other === t) return;
          var v = (q.slice(0, at) + " " + other + " " + q.slice(at + t.length)).replace(/\s+/g, " ").trim();
          if (out.length < max && out.indexOf(v) < 0 && low(v) !== lq) out.push(v);
        });
      });
    });
    return out;
  }

  /* Whether text[at, at+len) is a whole word: no ASCII letter or digit either side. */
  function whole(text, at, len) {
    return !ALNUM.test(text.charAt(at - 1) || " ") && !ALNUM.test(text.charAt(at + len) || " ");
  }

  /* [start, end) of every place `text` writes one of `list` (lowercase). */
  function found(text, list) {
    var lt = low(text);
    var out = [];
    list.forEach(function (t) {
      for (var at = lt.indexOf(t); at >= 0; at = lt.indexOf(t, at + 1)) {
        if (HAN.test(t) || whole(lt, at, t.length)) out.push([at, at + t.length]);
      }
    });
    return out;
  }

  /* Overlapping or touching ranges joined, in order. */
  function join(ranges) {
    ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var out = [];
    ranges.forEach(function (r) {
      var last = out[out.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else out.push([r[0], r[1]]);
    });
    return out;
  }

  function skipLeading(text, at, to) {
    while (at < to && LEADING.test(text.charAt(at))) at++;
    return at;
  }

  /* Where the excerpt of `text` around the hit at `hit` starts: the start of
     its sentence; in a sentence too long for that, the first clause that
     still shows the hit early enough; else a word a little before it. */
  function startAt(text, hit, lead) {
    var start = 0;
    for (var i = 1; i <= hit; i++) {
      var c = text.charAt(i - 1);
      if (SENTENCE_END.indexOf(c) >= 0 || (c === " " && text.charAt(i - 2) === ".")) start = i;
    }
    start = skipLeading(text, start, hit);
    if (hit - start <= lead) return start;
    for (var k = start + 1; k <= hit; k++) {
      if (CLAUSE_END.indexOf(text.charAt(k - 1)) >= 0 && hit - k <= lead) return skipLeading(text, k, hit);
    }
    var at = Math.max(start, hit - Math.floor(lead / 2));
    if (!HAN.test(text.charAt(hit))) {
      var space = text.lastIndexOf(" ", hit);
      at = space >= at ? space + 1 : hit;
    }
    return skipLeading(text, at, hit);
  }

  /* The excerpt [from, to) of `text` for the marks `marks`, best hit `best`. */
  function windowOf(text, marks, best) {
    var han = HAN.test(text);
    var size = han ? 80 : 220;
    var from = startAt(text, marks[best][0], Math.floor(size * 0.6));
    var to = Math.min(text.length, from + size);
    if (!han && to < text.length) {
      var space = text.lastIndexOf(" ", to);
      if (space > marks[best][1]) to = space;
    }
    marks.forEach(function (m) { if (m[0] < to && m[1] > to) to = m[1]; });
    return [from, to];
  }

  /* The excerpt as pieces of text, marked or not. */
  function pieces(text, marks, from, to) {
    var out = [];
    if (from > 0) out.push({ text: "…", mark: false });
    var at = from;
    marks.forEach(function (m) {
      var a = Math.max(m[0], from), b = Math.min(m[1], to);
      if (b <= a) return;
      if (a > at) out.push({ text: text.slice(at, a), mark: false });
      out.push({ text: text.slice(a, b), mark: true });
      at = b;
    });
    if (to > at) out.push({ text: text.slice(at, to), mark: false });
    if (to < text.length) out.push({ text: "…", mark: false });
    return out;
  }

  /* Characters of a word that the build counted for the paragraph map. */
  function counted(word) {
    return word.replace(/&(?:lt|gt|quot|#39|amp);/g, "x").replace(/[\s\u200B]/g, "").length;
  }

  /* A paragraph's text from its words, with each word's start in it. */
  function paragraphText(words, from, to, zws) {
    var text = "", starts = [];
    for (var w = from; w < to; w++) {
      if (!zws && w > from) text += " ";
      starts.push(text.length);
      text += decode(words[w]);
    }
    starts.push(text.length);
    return { text: text, starts: starts };
  }

  /* Whether a Latin word part reads as a form of a query word (same word,
     or the same first three letters: pagefind matches stems). */
  function stemOf(part, list) {
    var lp = low(part);
    return list.some(function (t) {
      return t.split(/\s+/).some(function (w) { return lp === w || (lp.length >= 3 && w.slice(0, 3) === lp.slice(0, 3)); });
    });
  }

  /* The marks of a Latin word pagefind matched: its parts that read as a
     query word (pagefind indexes the parts of "pollutant-discharging"), or
     the word without its punctuation. */
  function latinMarks(word, at, list) {
    var out = [], re = /[A-Za-z0-9\u00C0-\u024F]+/g, m;
    while ((m = re.exec(word))) if (stemOf(m[0], list)) out.push([at + m.index, at + m.index + m[0].length]);
    if (out.length) return out;
    var lead = word.search(/[A-Za-z0-9\u00C0-\u024F]/);
    var tail = word.replace(/[^A-Za-z0-9\u00C0-\u024F]+$/, "").length;
    return lead >= 0 && tail > lead ? [[at + lead, at + tail]] : [];
  }

  /* The characters of a Chinese word (and the next, where pagefind indexes
     a pair across them) that the query writes: for a paragraph that
     pagefind matched by parts of the query. */
  function hanMarks(text, a, b, list) {
    var chars = list.join(""), out = [];
    for (var i = a; i < b; i++) if (HAN.test(text.charAt(i)) && chars.indexOf(text.charAt(i)) >= 0) out.push([i, i + 1]);
    return out;
  }

  /* The marks of one paragraph: where it writes a term; the parts of Latin
     words pagefind matched that no term explains (stemmed English); and,
     only when no term is written in it, the query's characters in the
     Chinese words pagefind matched. */
  function marksOf(para, from, locations, list) {
    var marks = found(para.text, list);
    var written = marks.length > 0;
    locations.forEach(function (w) {
      var a = para.starts[w - from], b = para.starts[w - from + 1];
      if (a === undefined || b === undefined) return;
      var word = para.text.slice(a, b);
      if (HAN.test(word)) {
        var c = para.starts[w - from + 2];
        if (!written) marks = marks.concat(hanMarks(para.text, a, c === undefined ? b : c, list));
        return;
      }
      if (marks.some(function (m) { return m[0] < b + 1 && m[1] > a - 1; })) return;
      marks = marks.concat(latinMarks(word, a, list));
    });
    return join(marks);
  }

  /* A section record's meta "p" maps its text to its paragraphs ("id:offset",
     offsets in counted characters; "~" starts the synonyms the build added,
     never shown). Returns every paragraph that writes a term or holds a
     matched word, the best first (most places writing the whole query or a
     synonym of it, plus marks next to each other; then most marks), each
     with its excerpt pieces around the first such place; or null for a
     record without the map. */
  function paragraphs(data, asked) {
    var map = String((data.meta || {}).p || "");
    var content = String(data.raw_content || data.content || "");
    if (!map || !content) return null;
    var zws = content.indexOf("\u200B") >= 0;
    var words = zws ? content.split("\u200B") : content.split(/[^\S\uFEFF]+/);
    var starts = map.split(" ").map(function (pair) {
      var k = pair.lastIndexOf(":");
      return { id: pair.slice(0, k), at: +pair.slice(k + 1), word: words.length };
    });
    var count = 0, next = 0;
    for (var i = 0; i < words.length && next < starts.length; i++) {
      while (next < starts.length && count >= starts[next].at) starts[next++].word = i;
      count += counted(words[i]);
    }
    var out = [];
    starts.forEach(function (p, k) {
      if (p.id === "~") return;
      var to = k + 1 < starts.length ? starts[k + 1].word : words.length;
      var locs = (data.locations || []).filter(function (l) { return l >= p.word && l < to; });
      var para = paragraphText(words, p.word, to, zws);
      var marks = marksOf(para, p.word, locs, asked.all);
      if (!marks.length) return;
      var fulls = found(para.text, asked.whole);
      var best = 0, pairs = 0;
      marks.forEach(function (m, i) {
        if (i > 0 && m[0] - marks[i - 1][1] === 1 && /\s/.test(para.text.charAt(m[0] - 1))) pairs++;
        if (fulls.length && m[1] <= fulls[0][0]) best = i + 1;
      });
      best = Math.min(best, marks.length - 1);
      var win = windowOf(para.text, marks, Math.max(best, 0));
      out.push({ id: p.id, score: (fulls.length + pairs) * 1000 + marks.length, order: k, pieces: pieces(para.text, marks, win[0], win[1]) });
    });
    if (!out.length) return null;
    var first = out.slice().sort(function (x, y) { return y.score - x.score || x.order - y.order; })[0];
    return [first].concat(out.filter(function (f) { return f !== first; }));
  }

  window.PlansiteSearchText = { terms: terms, variants: variants, paragraphs: paragraphs };
})();
