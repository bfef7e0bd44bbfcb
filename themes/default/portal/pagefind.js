/* plansite search across the plans of a site. On a site of several plans
   each plan keeps its own pagefind index (plans/ID/pagefind/), and its own
   search page searches that plan only. The portal's search page runs the
   same search.js, pointed at this module: it offers the part of pagefind's
   API that search.js uses (options, mergeIndex, search) over every plan's
   index merged into one with pagefind's mergeIndex.
   The page's #search-plan select lists the plans. Each option with an index
   carries, relative to the page, its index folder (data-pagefind) and the
   index's extra shards in the page's language (data-shards), and the plan's
   folder relative to the site root (data-base). Every record of a plan's
   index gets the filter plan=ID (pagefind's mergeFilter), so choosing a plan
   in the select limits the search to it (a change runs the query again).
   A result's URL is made relative to the plan's folder (baseUrl), so it
   links into its plan; its label starts with the plan's title. Nothing is
   fetched from another origin. */

var select = document.getElementById("search-plan");
var lang = (document.documentElement.getAttribute("lang") || "").toLowerCase();
var SEP = " · ";

function abs(rel) { return new URL(rel, document.baseURI).href; }

var plans = select ? Array.prototype.filter.call(select.options, function (o) { return o.value && o.dataset.pagefind; })
  .map(function (o) {
    return {
      id: o.value,
      label: o.textContent.trim(),
      index: abs(o.dataset.pagefind),
      shards: (o.dataset.shards || "").split(" ").filter(Boolean).map(abs),
      base: "/" + o.dataset.base,
    };
  }) : [];

/* The options search.js gives (excerpt length); the bundle path is each plan's own. */
var given = {};
var loading = null;

export function options(opts) {
  given = Object.assign({}, opts);
  delete given.basePath;
  return Promise.resolve();
}

/* This folder has no shards of its own: every plan's are merged on load. */
export function mergeIndex() {
  return Promise.resolve();
}

function load() {
  if (!loading) {
    var first = plans[0];
    if (!first) return Promise.reject(new Error("no plan of this site has a search index"));
    loading = import(first.index + "pagefind.js").then(function (pf) {
      var own = function (p) { return Object.assign({}, given, { baseUrl: p.base, mergeFilter: { plan: p.id } }); };
      return pf.options(Object.assign(own(first), { basePath: first.index })).then(function () {
        var merges = [];
        plans.forEach(function (p, i) {
          var dirs = (i === 0 ? [] : [p.index]).concat(p.shards);
          dirs.forEach(function (dir) {
            merges.push(pf.mergeIndex(dir, Object.assign(own(p), { language: lang })));
          });
        });
        return Promise.all(merges);
      }).then(function () { return pf; });
    });
  }
  return loading;
}

/* A result's data with its URL inside its plan's folder and its plan named. */
function named(data) {
  var url = String(data.url || "");
  var plan = plans.filter(function (p) { return url.indexOf(p.base) === 0; })[0];
  var meta = Object.assign({}, data.meta);
  if (plan) {
    var chapter = meta.chapter || "";
    meta.chapter = chapter ? plan.label + SEP + chapter : plan.label;
    if (meta.title === chapter) meta.title = meta.chapter;
  }
  return Object.assign({}, data, { raw_url: url, meta: meta });
}

export function search(term, opts) {
  return load().then(function (pf) {
    var o = Object.assign({}, opts);
    if (select && select.value) o.filters = Object.assign({}, o.filters, { plan: select.value });
    return pf.search(term, o);
  }).then(function (found) {
    if (!found || !found.results) return found;
    var results = found.results.map(function (r) {
      return Object.assign({}, r, { data: function () { return r.data().then(named); } });
    });
    return Object.assign({}, found, { results: results });
  });
}

/* The scope is kept in the page's URL (?plan=ID), and a change of scope
   runs the query again. */
function keep(id) {
  try {
    var url = new URL(location.href);
    if (id) url.searchParams.set("plan", id); else url.searchParams.delete("plan");
    history.replaceState(null, "", url.href);
  } catch (e) { /* file:// or sandboxed: the scope is just not kept */ }
}

if (select) {
  var wanted = new URLSearchParams(location.search).get("plan");
  if (wanted && Array.prototype.some.call(select.options, function (o) { return o.value === wanted; })) select.value = wanted;
  select.addEventListener("change", function () {
    keep(select.value);
    var form = select.form;
    var input = document.getElementById("search-q");
    if (form && input && input.value.trim()) {
      if (form.requestSubmit) form.requestSubmit();
      else form.dispatchEvent(new Event("submit", { cancelable: true }));
    }
  });
}
