// Crawl the site served by nginx and derive: broken links, missing anchors, orphan pages
// and references to other origins.
import fs from 'node:fs';
import path from 'node:path';
import {
  baseHref, cssUrls, fragmentTargets, hasOtherScheme, htmlRefs, isAbsoluteWebUrl, scanHtml,
} from './html.mjs';
import { mapLimit, pageKey, short, urlToRelFile, walkFiles } from './util.mjs';

const CONCURRENCY = 8;
const FETCH_TIMEOUT_MS = 15000;

/** Fetch one URL (no redirect following) and parse what it references. */
async function fetchResource(url) {
  const res = { url, status: 0, type: '', body: Buffer.alloc(0), error: null, refs: [], ids: null, html: false };
  let r;
  try {
    r = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    res.body = Buffer.from(await r.arrayBuffer());
  } catch (e) {
    res.error = e.message;
    return res;
  }
  res.status = r.status;
  res.type = (r.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (r.status >= 300 && r.status < 400 && r.headers.get('location')) {
    res.refs.push({ url: r.headers.get('location'), tag: '(redirect)', attr: 'location', kind: 'nav', line: '' });
    return res;
  }
  if (r.status !== 200) return res;
  if (res.type === 'text/html' || res.type === 'image/svg+xml') {
    const scan = scanHtml(res.body.toString('utf8'));
    res.html = res.type === 'text/html';
    res.ids = fragmentTargets(scan);
    res.refs = htmlRefs(scan);
    res.base = baseHref(scan);
  } else if (res.type === 'text/css') {
    res.refs = cssUrls(res.body.toString('utf8')).map((u) => ({ url: u, tag: 'css', attr: 'url()', kind: 'asset', line: '' }));
  }
  return res;
}

/**
 * Crawl from the zh and en home pages, following every same-origin reference.
 * @returns {{resources: Map<string, object>, edges: object[], externals: object[], pages: string[]}}
 *   resources: key (URL without fragment, dir/ as dir/index.html) -> fetched resource;
 *   edges: every same-origin reference {from, to (with fragment), key, ref};
 *   externals: every absolute http(s)/protocol-relative reference {from, url, ref};
 *   pages: keys of the HTML pages that answered 200, sorted.
 */
export async function crawlSite(server) {
  const origin = server.origin;
  const resources = new Map();
  const edges = [];
  const externals = [];
  let frontier = [pageKey(`${server.base}index.html`), pageKey(`${server.base}en/index.html`)];
  const seen = new Set(frontier);
  while (frontier.length) {
    const fetched = await mapLimit(frontier, CONCURRENCY, fetchResource);
    const next = [];
    for (const res of fetched) {
      resources.set(res.url, res);
      let base = res.url;
      try { if (res.base) base = new URL(res.base, res.url).href; } catch { /* keep page URL */ }
      for (const ref of res.refs) {
        if (ref.url === '') continue; // refers to the page itself
        if (isAbsoluteWebUrl(ref.url) && ref.tag !== '(redirect)') {
          externals.push({ from: res.url, url: ref.url, ref });
          continue;
        }
        if (hasOtherScheme(ref.url)) continue; // mailto:, tel:, data:, javascript:
        let abs;
        try { abs = new URL(ref.url, base); } catch { continue; }
        if (abs.origin !== origin) continue;
        const key = pageKey(abs.href);
        edges.push({ from: res.url, to: abs.href, key, ref });
        if (!seen.has(key)) {
          seen.add(key);
          next.push(key);
        }
      }
    }
    frontier = next.sort();
  }
  // HTML pages; a ?query variant counts only when its page is not already there.
  const html = [...resources.values()].filter((r) => r.status === 200 && r.html).map((r) => r.url);
  const plain = new Set(html.filter((u) => !u.includes('?')));
  const pages = html.filter((u) => !u.includes('?') || !plain.has(u.split('?')[0])).sort();
  return { resources, edges, externals, pages };
}

/** The referring pages of `key`, sorted and unique. */
function referrers(crawl, key) {
  return [...new Set(crawl.edges.filter((e) => e.key === key).map((e) => e.from))].sort();
}

/** Broken links: every URL that answered 4xx/5xx (or not at all), with the pages referring to it. */
export function brokenLinks(crawl) {
  const out = [];
  for (const [key, r] of [...crawl.resources].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (r.error || r.status >= 400) {
      out.push({ url: key, status: r.error ? `error: ${r.error}` : r.status, from: referrers(crawl, key) });
    }
  }
  return out;
}

/**
 * The 404 page must be what nginx serves for a missing URL, also deeper in the tree,
 * and everything it references must load from there (relative links in 404.html break
 * at other depths: it needs root-absolute URLs or a <base href>).
 */
export async function checkNotFoundPage(server, publicDir, crawl) {
  const problems = [];
  const file = path.join(publicDir, '404.html');
  if (!fs.existsSync(file)) return [{ url: '404.html', status: 'missing file', from: ['(error_page 404)'] }];
  const expected = fs.readFileSync(file);
  const bad = new Map(); // broken URL -> where it was referenced
  // Relative links can only work at any depth when the site knows its base
  // path (base_url in site.toml gives 404.html a <base href>); without it,
  // probe at the top level only, where relative links are right.
  const hasBase = Boolean(baseHref(scanHtml(expected.toString('utf8'))));
  const probes = hasBase ? ['e2e-missing-page.html', 'chapters/e2e-missing/index.html'] : ['e2e-missing-page.html'];
  for (const probe of probes) {
    const url = `${server.base}${probe}`;
    const res = await fetchResource(url);
    if (res.status !== 404 || !res.body.equals(expected)) {
      problems.push({ url: probe, status: `${res.status} (expected 404 with the content of 404.html)`, from: ['(error_page 404)'] });
      continue;
    }
    const scan = scanHtml(res.body.toString('utf8'));
    const base = baseHref(scan) ? new URL(baseHref(scan), url).href : url;
    for (const ref of htmlRefs(scan)) {
      if (isAbsoluteWebUrl(ref.url) || hasOtherScheme(ref.url) || ref.url.startsWith('#') || ref.url === '') continue;
      const abs = new URL(ref.url, base);
      if (abs.origin !== server.origin) continue;
      const key = pageKey(abs.href);
      const r = crawl.resources.get(key) ?? (await fetchResource(key));
      if (r.error || r.status >= 400) {
        if (!bad.has(key)) bad.set(key, { status: r.error ?? r.status, from: [] });
        bad.get(key).from.push(`404.html served at ${probe} ("${ref.url}")`);
      }
    }
  }
  for (const [key, b] of [...bad].sort(([a], [c]) => (a < c ? -1 : 1))) problems.push({ url: key, status: b.status, from: [...new Set(b.from)] });
  return problems;
}

/** Fragment links (page#id) whose target page has no element with that id or <a name>. */
export function missingAnchors(crawl) {
  const found = new Map(); // "target#frag" -> Set of referring pages
  for (const e of crawl.edges) {
    const hash = new URL(e.to).hash;
    if (hash.length <= 1) continue;
    let frag;
    try { frag = decodeURIComponent(hash.slice(1)); } catch { frag = hash.slice(1); }
    // Follow redirects to the resource that is finally shown.
    let target = crawl.resources.get(e.key);
    for (let hops = 0; target && target.status >= 300 && target.status < 400 && hops < 5; hops++) {
      target = crawl.resources.get(pageKey(new URL(target.refs[0].url, target.url).href));
    }
    if (!target || target.status !== 200 || !target.ids) continue; // broken already, or not HTML/SVG
    // "#top" scrolls to the top of any HTML document, per the HTML standard.
    if (target.ids.has(frag) || (target.html && frag.toLowerCase() === 'top')) continue;
    const k = `${target.url}#${hash.slice(1)}`;
    if (!found.has(k)) found.set(k, new Set());
    found.get(k).add(e.from);
  }
  return [...found.keys()].sort().map((k) => ({ url: k, from: [...found.get(k)].sort() }));
}

/** HTML files on disk that the crawl never reached (any 404.html is exempt). */
export function orphanPages(crawl, publicDir) {
  const reached = new Set();
  for (const r of crawl.resources.values()) {
    if (r.status === 200) {
      const f = urlToRelFile(r.url);
      if (f) reached.add(f);
    }
  }
  return walkFiles(publicDir)
    .filter((f) => f.endsWith('.html') && path.posix.basename(f) !== '404.html')
    .filter((f) => !reached.has(f));
}

/** References to other origins, grouped by URL: [{url, from: [pages]}]. */
export function externalRefs(crawl) {
  const m = new Map();
  for (const x of crawl.externals) {
    const where = `${short(x.from)} (${x.ref.tag}[${x.ref.attr}])`;
    if (!m.has(x.url)) m.set(x.url, new Set());
    m.get(x.url).add(where);
  }
  return [...m.keys()].sort().map((u) => ({ url: u, from: [...m.get(u)].sort() }));
}
