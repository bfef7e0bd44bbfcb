// Page weight budgets and the no-JavaScript check.
import zlib from 'node:zlib';
import { short } from './util.mjs';

/** Budget per page: gzip(HTML) + gzip of each same-origin CSS/JS/image/font it loads. */
export const BUDGET_BYTES = 150 * 1000;
/** Pages allowed to exceed the budget (the whole plan on one page). */
const EXEMPT = new Set(['fulltext/index.html', 'en/fulltext/index.html']);

/**
 * Weigh every crawled page. Assets are the page's 'asset' references (stylesheets,
 * scripts, images, icons, inline-style url()s) plus what its style sheets load in turn
 * (@import, url() — fonts and background images); each counted once per page.
 * @returns {{page: string, bytes: number, htmlBytes: number, assets: {url: string, bytes: number}[], exempt: boolean}[]}
 *   sorted by size, largest first.
 */
export function weighPages(crawl) {
  const gz = new Map();
  const gzSize = (key) => {
    if (!gz.has(key)) {
      const r = crawl.resources.get(key);
      gz.set(key, r && r.status === 200 ? zlib.gzipSync(r.body, { level: 9 }).length : 0);
    }
    return gz.get(key);
  };
  const assetEdges = new Map(); // from -> keys of assets it loads
  for (const e of crawl.edges) {
    if (e.ref.kind !== 'asset') continue;
    if (!assetEdges.has(e.from)) assetEdges.set(e.from, new Set());
    assetEdges.get(e.from).add(e.key);
  }
  const out = [];
  for (const page of crawl.pages) {
    const assets = new Set();
    const visit = (from) => {
      for (const key of assetEdges.get(from) ?? []) {
        if (assets.has(key) || key === page) continue;
        assets.add(key);
        const r = crawl.resources.get(key);
        if (r?.type === 'text/css') visit(key); // style sheets load fonts, images, @imports
      }
    };
    visit(page);
    const list = [...assets].map((url) => ({ url, bytes: gzSize(url) })).sort((a, b) => b.bytes - a.bytes);
    const htmlBytes = gzSize(page);
    const rel = short(page);
    out.push({ page: rel, bytes: htmlBytes + list.reduce((s, a) => s + a.bytes, 0), htmlBytes, assets: list, exempt: EXEMPT.has(rel) });
  }
  return out.sort((a, b) => b.bytes - a.bytes || (a.page < b.page ? -1 : 1));
}

/** With JavaScript disabled, each representative page must still show its main content. */
export async function checkNoJs(browser, reps) {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const out = [];
  try {
    for (const rep of reps) {
      if (!rep.url || rep.problem) continue; // reported by the ux check
      await page.goto(rep.url, { waitUntil: 'load', timeout: 60000 });
      const text = await page.evaluate(() => document.querySelector('main')?.innerText.trim() ?? null);
      if (text === null) out.push(`${rep.lang}/${rep.name} (${short(rep.url)}): no <main> without JavaScript`);
      else if (!text) out.push(`${rep.lang}/${rep.name} (${short(rep.url)}): <main> has no text without JavaScript`);
    }
  } finally {
    await context.close();
  }
  return out;
}

