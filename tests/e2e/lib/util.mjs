// Small helpers shared by the e2e checks.
import fs from 'node:fs';
import path from 'node:path';

/** The URL prefix under which the site is served by the test nginx. */
export const BASE_PATH = '/plan/';

/**
 * All files under `dir` (recursively) as sorted posix-style relative paths.
 * Symlinks are followed like a web server would; hidden files are included.
 */
export function walkFiles(dir) {
  const out = [];
  const visit = (abs, rel) => {
    for (const ent of fs.readdirSync(abs, { withFileTypes: true })) {
      const a = path.join(abs, ent.name);
      const r = rel ? `${rel}/${ent.name}` : ent.name;
      const st = fs.statSync(a, { throwIfNoEntry: false });
      if (!st) continue; // dangling symlink
      if (st.isDirectory()) visit(a, r);
      else if (st.isFile()) out.push(r);
    }
  };
  visit(dir, '');
  return out.sort();
}

/** Map `items` through async `fn` with at most `limit` calls in flight; keeps input order. */
export async function mapLimit(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async (slot) => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i, slot);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, (_, slot) => worker(slot)));
  return results;
}

/** Strip the fragment of a URL string. */
export function stripHash(u) {
  const i = u.indexOf('#');
  return i === -1 ? u : u.slice(0, i);
}

/**
 * Canonical key of a page URL: no fragment, and `dir/` and `dir/index.html`
 * are the same page (nginx serves index.html for a directory).
 */
export function pageKey(u) {
  const url = new URL(u);
  url.hash = '';
  if (url.pathname.endsWith('/')) url.pathname += 'index.html';
  return url.href;
}

/** Make a URL short for printing: path below /plan/ (with query/fragment). */
export function short(u) {
  try {
    const url = new URL(u);
    const p = url.pathname + url.search + url.hash;
    return p.startsWith(BASE_PATH) ? p.slice(BASE_PATH.length) || './' : p;
  } catch {
    return String(u);
  }
}

/** The relative file path (below the public dir) that a same-origin URL maps to, or null. */
export function urlToRelFile(u) {
  const url = new URL(u);
  let p;
  try {
    p = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (!p.startsWith(BASE_PATH)) return null;
  p = p.slice(BASE_PATH.length);
  if (p === '' || p.endsWith('/')) p += 'index.html';
  return p;
}

/** The URL of the zh/en counterpart of a page: /plan/X <-> /plan/en/X. */
export function counterpartUrl(u) {
  const url = new URL(u);
  url.hash = '';
  const path = url.pathname.slice(BASE_PATH.length);
  // On a site of several plans a plan's pages are under plans/ID/, and
  // its English pages under plans/ID/en/.
  const plan = path.match(/^plans\/[^/]+\//)?.[0] ?? '';
  const rest = path.slice(plan.length);
  url.pathname = BASE_PATH + plan + (rest.startsWith('en/') ? rest.slice(3) : `en/${rest}`);
  return url.href;
}

/** Whether the page at `u` (a URL or a path below the base) is an English page. */
export function isEnglish(u) {
  return /^(plans\/[^/]+\/)?en\//.test(short(u));
}

/** Format a byte count in kB (1000 bytes) with one decimal. */
export function kb(n) {
  return `${(n / 1000).toFixed(1)} kB`;
}

/** Group [key, value] pairs into a Map of key -> sorted unique values. */
export function groupBy(pairs) {
  const m = new Map();
  for (const [k, v] of pairs) {
    if (!m.has(k)) m.set(k, new Set());
    m.get(k).add(v);
  }
  return new Map([...m.keys()].sort().map((k) => [k, [...m.get(k)].sort()]));
}

/** "a, b, c (+N more)" for long lists in the report. */
export function listSome(items, n = 3) {
  const head = items.slice(0, n).join(', ');
  return items.length > n ? `${head} (+${items.length - n} more)` : head;
}
