// Search in a real headless Chromium: serves PUBLIC_DIR on 127.0.0.1 under /plan/,
// runs every query of search-queries.json in both languages, checks the expected
// paragraph is among the first results and that clicking a result lands on its
// anchor; also keyboard use, no request to another origin, the no-JS page and
// file://. Synonyms: a query finds every paragraph that writes a term of its
// groups (pagefind/synonyms.json), not only its own. Every <mark> lands on a
// query term or synonym, and an excerpt starts at a sentence (or, in a long
// one, a clause) of its paragraph. Prints the payload of a first query per
// language.
//   node tests/e2e/search.mjs PUBLIC_DIR        → last line: "N passed, M failed"
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { check, finish } from './lib/tally.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BASE = '/plan/';
const PUBLIC = path.resolve(process.argv[2] || path.join(HERE, '../../public'));
const SET = JSON.parse(fs.readFileSync(path.join(HERE, 'search-queries.json'), 'utf8'));
const SEARCH_PAGE = { zh: 'search/index.html', en: 'en/search/index.html' };
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'application/javascript',
  '.json': 'application/json', '.csv': 'text/csv', '.svg': 'image/svg+xml', '.png': 'image/png',
};

const SYNONYMS = JSON.parse(fs.readFileSync(path.join(PUBLIC, 'pagefind', 'synonyms.json'), 'utf8'));
const HTML_LANG = { zh: 'zh-cn', en: 'en' };
const HAN = /[\u3400-\u9fff]/;
const LEADING = /^[\s、，。；：！？,.;:!?）)】」』”’·…—-]/;


/** A tiny static server under BASE that logs every request with its size. */
function serve(root) {
  const log = [];
  const missing = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let rel = decodeURIComponent(url.pathname);
    if (!rel.startsWith(BASE)) { res.writeHead(404).end(); return; }
    rel = rel.slice(BASE.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.join(root, rel);
    if (!file.startsWith(root) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      log.push({ path: rel, bytes: 0, status: 404 });
      missing.push(rel);
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const body = fs.readFileSync(file);
    log.push({ path: rel, bytes: body.length, status: 200 });
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'content-length': body.length });
    res.end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, log, missing, origin: `http://127.0.0.1:${server.address().port}` })));
}

async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    timeout: 60000,
  });
}

/** Types `q`, submits, waits for the final status; returns result anchors in order. */
async function runQuery(page, q) {
  await page.fill('#search-q', q);
  await page.press('#search-q', 'Enter');
  await page.waitForFunction(() => {
    const s = document.getElementById('search-status');
    const form = document.getElementById('search-form');
    return s && s.textContent && s.textContent !== form.dataset.tLoading;
  }, null, { timeout: 20000 });
  return page.$$eval('#search-results > li > a', (as) => as.map((a) => a.href));
}

/** Clicks "show more" until every result is listed. */
async function showAll(page) {
  for (let i = 0; i < 50; i++) {
    const more = await page.$('.search-more:not([hidden])');
    if (!more) return;
    const before = await page.$$eval('#search-results > li', (l) => l.length);
    await more.click();
    await page.waitForFunction((n) => document.querySelectorAll('#search-results > li').length > n, before);
  }
}


/** The terms of every synonym group of `lang` that holds `q`, with `q`. */
function groupOf(lang, q) {
  const out = new Set([q.toLowerCase()]);
  for (const g of SYNONYMS[HTML_LANG[lang]] || []) {
    if (g.some((t) => t.toLowerCase() === q.toLowerCase())) g.forEach((t) => out.add(t.toLowerCase()));
  }
  return [...out];
}

/** Whether lowercase `text` writes lowercase `term` (a Latin term as a whole word). */
function writes(text, term) {
  for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) {
    if (HAN.test(term) || (!/[a-z0-9]/.test(text[at - 1] || ' ') && !/[a-z0-9]/.test(text[at + term.length] || ' '))) return true;
  }
  return false;
}

/** Anchors of the searchable paragraphs and rows of `lang`'s chapter pages, with their text. */
function searchable(lang) {
  const dir = path.join(PUBLIC, lang === 'en' ? 'en' : '', 'chapters');
  const out = [];
  for (const ch of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, ch, 'index.html');
    if (!fs.existsSync(file)) continue;
    let html = fs.readFileSync(file, 'utf8');
    html = html.slice(html.indexOf('data-pagefind-body'));
    for (const m of html.matchAll(/<(p|tr) id="([^"]+)"[^>]*>([\s\S]*?)<\/\1>/g)) {
      const text = m[3].replace(/<[^>]*>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'");
      out.push({ id: m[2], text: text.toLowerCase() });
    }
  }
  return out;
}

/** Whether a <mark> text lands on the query: for Chinese, after taking out
    the Latin terms it writes, every character is one of the query's or its
    synonyms' (a mark such as "和臭" for 臭氧 fails); for English, every word
    shares its first three letters (a stem) with a query word or synonym. */
function markFits(lang, q, mark) {
  const terms = groupOf(lang, q).concat(q.toLowerCase().split(/\s+/));
  let m = mark.toLowerCase().trim();
  if (!m) return false;
  if (lang === 'en') {
    const words = terms.flatMap((t) => t.split(/\s+/));
    return m.split(/[^a-z0-9]+/).filter(Boolean).every((part) => words.some((w) => part === w || (part.length >= 3 && w.slice(0, 3) === part.slice(0, 3))));
  }
  for (const t of terms) if (!HAN.test(t)) m = m.split(t).join('');
  const chars = new Set(terms.filter((t) => HAN.test(t)).join(''));
  return [...m].every((c) => chars.has(c));
}

/** Where an excerpt starts in its paragraph: its text (without "…" and
    spaces) must be in the paragraph's, at the start or after a sentence or
    clause end, and must not open with punctuation. */
function excerptStart(excerpt, paragraph) {
  const body = excerpt.replace(/^…/, '').replace(/…$/, '');
  if (LEADING.test(body)) return `opens with "${body[0]}"`;
  const squash = (t) => t.replace(/\s+/g, '');
  const p = squash(paragraph);
  const at = p.indexOf(squash(body));
  if (at < 0) return 'not found in its paragraph';
  if (at > 0 && !'。！？；!?;.，：,:'.includes(p[at - 1])) return `starts after "${p.slice(Math.max(0, at - 6), at)}"`;
  return null;
}

function anchorOf(href) {
  return decodeURIComponent(new URL(href).hash.slice(1));
}

async function queryChecks(ctx, origin, lang) {
  const tally = { queries: 0, top: 0, first: 0 };
  const page = await ctx.newPage();
  const url = `${origin}${BASE}${SEARCH_PAGE[lang]}`;
  for (const item of SET[lang]) {
    await page.goto(url);
    const hrefs = await runQuery(page, item.q);
    const top = hrefs.slice(0, SET.top).map(anchorOf);
    const hit = item.expect.find((id) => top.includes(id));
    check(Boolean(hit), `${lang} "${item.q}" top ${SET.top}`, `expected one of ${item.expect.join(',')}, got ${top.join(',') || 'nothing'}`);
    tally.queries++;
    if (hit) tally.top++;
    if (top.length && item.expect.includes(top[0])) tally.first++;
    const prefixOk = hrefs.every((h) => new URL(h).pathname.startsWith(`${BASE}${lang === 'en' ? 'en/' : ''}chapters/`));
    check(hrefs.length > 0 && prefixOk, `${lang} "${item.q}" results link to ${lang} chapter pages`, hrefs.slice(0, 3).join(' '));
    if (item.all) {
      await showAll(page);
      // A result is a section: its best paragraph is the main link, the
      // section's other paragraphs with a hit are listed under it.
      const every = (await page.$$eval('#search-results a', (as) => as.map((a) => a.href))).map(anchorOf);
      const missing = item.all.filter((id) => !every.includes(id));
      check(missing.length === 0, `${lang} "${item.q}" finds every paragraph containing it`, `missing ${missing.join(',')}`);
    }
    const target = hit || (hrefs[0] && anchorOf(hrefs[0]));
    if (!target) continue;
    const link = page.locator(`#search-results > li > a[href$="#${target}"]`).first();
    const excerpt = await link.locator('xpath=../p').innerHTML();
    check(/<mark>/.test(excerpt), `${lang} "${item.q}" excerpt is highlighted`, excerpt.slice(0, 80));
    const marks = await page.$$eval('#search-results mark', (ms) => ms.map((m) => m.textContent));
    const off = marks.filter((m) => !markFits(lang, item.q, m));
    check(marks.length > 0 && off.length === 0, `${lang} "${item.q}" every highlight is on the query or a synonym`, `off: ${off.slice(0, 5).join(' | ')}`);
    const excerptText = await link.locator('xpath=../p').textContent();
    await Promise.all([page.waitForURL((u) => u.hash === `#${target}`), link.click()]);
    const landed = await page.evaluate(() => {
      const t = document.querySelector(':target');
      return t ? t.id : null;
    });
    check(landed === target, `${lang} "${item.q}" click lands on #${target}`, `:target is ${landed}`);
    const paragraph = await page.evaluate((id) => {
      const el = document.getElementById(id).cloneNode(true);
      el.querySelectorAll('[data-pagefind-ignore]').forEach((n) => n.remove());
      return el.textContent;
    }, target);
    const bad = excerptStart(excerptText, paragraph);
    check(bad === null, `${lang} "${item.q}" excerpt starts at a sentence or clause`, `${bad}: ${excerptText.slice(0, 40)}`);
  }
  console.log(`quality ${lang}: ${tally.top}/${tally.queries} queries with an expected paragraph in the top ${SET.top}, ${tally.first}/${tally.queries} first`);
  await page.close();
}

/** Each synonym query finds every paragraph that writes a term of its group. */
async function synonymChecks(ctx, origin, lang) {
  const page = await ctx.newPage();
  const all = searchable(lang);
  for (const q of SET.synonyms[lang]) {
    const terms = groupOf(lang, q);
    check(terms.length > 1, `${lang} "${q}" has synonyms`, terms.join(','));
    const want = all.filter((p) => terms.some((t) => writes(p.text, t))).map((p) => p.id);
    const own = all.filter((p) => writes(p.text, q.toLowerCase())).map((p) => p.id);
    await page.goto(`${origin}${BASE}${SEARCH_PAGE[lang]}`);
    await runQuery(page, q);
    await showAll(page);
    const got = new Set((await page.$$eval('#search-results a', (as) => as.map((a) => a.href))).map(anchorOf));
    const missing = want.filter((id) => !got.has(id));
    check(want.length > own.length && missing.length === 0, `${lang} "${q}" finds the paragraphs writing its synonyms`, `missing ${missing.join(',')}`);
    console.log(`synonyms ${lang} "${q}": ${own.length} paragraphs write it, ${want.length} write it or a synonym (${terms.join(' = ')}), ${want.length - missing.length} found`);
  }
  await page.close();
}

async function keyboardCheck(ctx, origin, lang) {
  const page = await ctx.newPage();
  await page.goto(`${origin}${BASE}${SEARCH_PAGE[lang]}`);
  const label = await page.$eval('label[for="search-q"]', (l) => l.textContent.trim());
  check(label.length > 0, `${lang} input has a label`);
  const live = await page.$eval('#search-status', (s) => s.getAttribute('aria-live'));
  check(live === 'polite', `${lang} result count is in an aria-live region`);
  await page.focus('#search-q');
  await page.keyboard.type(SET[lang][0].q);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#search-results > li > a');
  const status = await page.textContent('#search-status');
  check(/\d/.test(status), `${lang} status announces the count`, status);
  await page.keyboard.press('ArrowDown');
  const focused = await page.evaluate(() => document.activeElement && document.activeElement.closest('#search-results') !== null);
  check(focused, `${lang} ArrowDown moves to the first result`);
  const href = await page.evaluate(() => document.activeElement.href);
  await Promise.all([page.waitForURL((u) => u.hash.length > 1), page.keyboard.press('Enter')]);
  check(page.url() === href, `${lang} Enter on a result follows it`, page.url());
  await page.close();
}

/** Payload of loading the search page and running a first query, from the server log. */
async function payload(browser, server, lang) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(`${server.origin}${BASE}${SEARCH_PAGE[lang]}`);
  await page.waitForLoadState('networkidle');
  server.log.length = 0;
  await runQuery(page, SET[lang][0].q);
  await page.waitForLoadState('networkidle');
  const files = server.log.filter((r) => r.status === 200);
  const total = files.reduce((n, r) => n + r.bytes, 0);
  const kinds = {};
  for (const r of files) {
    const k = r.path.replace(/^pagefind\//, '').replace(/[0-9a-f_]{6,}/g, '*');
    kinds[k] = (kinds[k] || 0) + r.bytes;
  }
  console.log(`payload ${lang} first query "${SET[lang][0].q}": ${(total / 1024).toFixed(1)} KiB in ${files.length} requests ${JSON.stringify(kinds)}`);
  server.log.length = 0;
  await runQuery(page, SET[lang][1].q);
  await page.waitForLoadState('networkidle');
  const next = server.log.filter((r) => r.status === 200);
  console.log(`payload ${lang} next query "${SET[lang][1].q}": ${(next.reduce((n, r) => n + r.bytes, 0) / 1024).toFixed(1)} KiB in ${next.length} requests`);
  check(files.every((r) => r.path.startsWith('pagefind/') || r.path.startsWith('assets/')), `${lang} a query fetches only pagefind/ files`);
  await ctx.close();
}

async function noJsCheck(browser, origin, lang) {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(`${origin}${BASE}${SEARCH_PAGE[lang]}`);
  const browseVisible = await page.isVisible('#search-browse');
  const formHidden = !(await page.isVisible('#search-form'));
  const links = await page.$$eval('#search-browse a', (as) => as.map((a) => a.getAttribute('href')));
  check(browseVisible && formHidden && links.length >= 3, `${lang} without JavaScript the page says how to browse`, links.join(' '));
  await ctx.close();
}

async function fileCheck(browser, lang) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(pathToFileURL(path.join(PUBLIC, SEARCH_PAGE[lang])).href);
  await page.fill('#search-q', SET[lang][0].q);
  await page.press('#search-q', 'Enter');
  const outcome = await page.waitForFunction(() => {
    const browse = document.getElementById('search-browse');
    if (document.querySelector('#search-results > li')) return 'results';
    if (browse && !browse.hidden) return 'browse hint';
    return false;
  }, null, { timeout: 20000 }).then((h) => h.jsonValue(), () => 'nothing');
  check(outcome !== 'nothing', `${lang} from file:// search works or shows the browse hint`, outcome);
  if (process.env.VERBOSE || outcome !== 'nothing') console.log(`file:// ${lang}: ${outcome}`);
  await ctx.close();
}

async function main() {
  if (!fs.existsSync(path.join(PUBLIC, 'pagefind', 'pagefind-entry.json'))) {
    check(false, `index exists in ${PUBLIC}/pagefind`);
    finish();
  }
  const server = await serve(PUBLIC);
  const browser = await launch();
  const foreign = [];
  try {
    const ctx = await browser.newContext();
    ctx.on('request', (r) => {
      const u = r.url();
      if (!u.startsWith(server.origin) && !/^(data|blob):/.test(u)) foreign.push(u);
    });
    for (const lang of ['zh', 'en']) {
      await payload(browser, server, lang);
      await queryChecks(ctx, server.origin, lang);
      await synonymChecks(ctx, server.origin, lang);
      await keyboardCheck(ctx, server.origin, lang);
      await noJsCheck(browser, server.origin, lang);
      await fileCheck(browser, lang);
    }
    const bad = server.missing;
    check(bad.length === 0, 'no request for a missing file', bad.slice(0, 5).join(' '));
    check(foreign.length === 0, 'no request to another origin', foreign.slice(0, 5).join(' '));
    await ctx.close();
  } catch (e) {
    check(false, 'search suite ran to the end', String(e && e.stack || e));
  } finally {
    await browser.close();
    server.server.close();
  }
  finish();
}

main();
