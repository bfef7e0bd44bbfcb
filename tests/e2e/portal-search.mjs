// Search across the plans of a site of several plans, in a real headless
// Chromium: serves PUBLIC_DIR (a build of tests/fixtures/plans-tongchuan)
// with nginx on 127.0.0.1 under /plan/ and, on the portal's search page in
// both languages, searches words found in one plan only or in every plan:
// the hits come from the plans that hold the word, each names its plan and
// links into its folder, and a click lands on its paragraph; the plan filter
// limits them to the chosen plan (none from a plan without the word), is kept
// in the URL and read back from it. Also: each plan's own search page finds
// only its own paragraphs, the page without JavaScript (or from file://, where
// the indexes cannot load) links every plan, and nothing is fetched from
// another origin or missing.
//   node tests/e2e/portal-search.mjs PUBLIC_DIR   → last line: "N passed, M failed"
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchBrowser } from './lib/browser.mjs';
import { startServer } from './lib/server.mjs';
import { check, finish } from './lib/tally.mjs';

const PUBLIC = path.resolve(process.argv[2] || 'public');
const PAGE = { zh: 'search/index.html', en: 'en/search/index.html' };
/* Words of the fixture's seeds, each in the plans listed and no other (in
   English, of the paragraphs extra/ translates). */
const WORDS = {
  zh: [
    { q: '钢铁', in: ['quanyang-14th'] },
    { q: '玻璃', in: ['15th'] },
    { q: '执法', in: ['14th', '15th', 'quanyang-14th'] },
  ],
  en: [
    { q: 'steel', in: ['quanyang-14th'] },
    { q: 'glass', in: ['15th'] },
    { q: 'enforcement', in: ['15th', 'quanyang-14th'] },
  ],
};


/** The plan a result link leads into, from its path under /plan/plans/ID/. */
function planOf(href) {
  const m = new URL(href).pathname.match(/\/plan\/plans\/([^/]+)\//);
  return m ? m[1] : null;
}

/** Waits for the search status to settle after a query or a change of plan. */
async function settled(page) {
  await page.waitForFunction(() => {
    const s = document.getElementById('search-status');
    const form = document.getElementById('search-form');
    return s && s.textContent && s.textContent !== form.dataset.tLoading;
  }, null, { timeout: 20000 });
  await page.waitForTimeout(100);
  return page.$$eval('#search-results > li > a', (as) => as.map((a) => ({ href: a.href, label: a.textContent })));
}

async function query(page, q) {
  await page.fill('#search-q', q);
  await page.press('#search-q', 'Enter');
  return settled(page);
}

/** Chooses plan `id` ('' for all) and returns the results of the query run again. */
async function choose(page, id) {
  const before = await page.$eval('#search-status', (s) => s.textContent);
  await page.evaluate(() => { document.getElementById('search-status').textContent = ''; });
  await page.selectOption('#search-plan', id);
  const results = await settled(page);
  return { results, before };
}

/** The plans' labels as the page's select gives them, by id. */
async function labels(page) {
  return page.$$eval('#search-plan option', (os) => Object.fromEntries(os.filter((o) => o.value).map((o) => [o.value, o.textContent.trim()])));
}

async function portalChecks(ctx, base, lang) {
  const page = await ctx.newPage();
  await page.goto(`${base}${PAGE[lang]}`);
  const named = await labels(page);
  const ids = Object.keys(named);
  check(ids.length === 3, `${lang} the select lists the three plans`, ids.join(' '));
  const none = await page.$eval('#search-form', (f) => f.dataset.tNone);
  for (const w of WORDS[lang]) {
    await page.selectOption('#search-plan', '');
    const all = await query(page, w.q);
    const from = [...new Set(all.map((r) => planOf(r.href)))].sort();
    check(all.length > 0 && JSON.stringify(from) === JSON.stringify([...w.in].sort()),
      `${lang} "${w.q}" over all plans finds hits in ${w.in.join(', ')} only`, `from ${from.join(', ')}`);
    const unnamed = all.filter((r) => !r.label.startsWith(named[planOf(r.href)]));
    check(unnamed.length === 0, `${lang} "${w.q}" every hit names its plan`, unnamed.slice(0, 2).map((r) => r.label).join(' | '));
    const prefix = lang === 'en' ? /\/plan\/plans\/[^/]+\/en\/chapters\// : /\/plan\/plans\/[^/]+\/chapters\//;
    const off = all.filter((r) => !prefix.test(new URL(r.href).pathname));
    check(off.length === 0, `${lang} "${w.q}" hits link to the plan's ${lang} chapter pages`, off.slice(0, 2).map((r) => r.href).join(' '));
    for (const id of ids) {
      const { results } = await choose(page, id);
      const want = w.in.includes(id);
      const others = results.filter((r) => planOf(r.href) !== id);
      check(want ? results.length > 0 && others.length === 0 : results.length === 0,
        `${lang} "${w.q}" limited to ${id}: ${want ? 'hits from it only' : 'none'}`, `${results.length} hits, ${others.length} from other plans`);
      if (!want) {
        const status = await page.textContent('#search-status');
        check(status === none.replace('{q}', w.q).replace('{n}', '0'), `${lang} "${w.q}" limited to ${id}: says none`, status);
      }
      check(new URL(page.url()).searchParams.get('plan') === id, `${lang} the chosen plan ${id} is kept in the URL`, page.url());
    }
  }
  // A hit links its paragraph on its plan's page.
  await page.selectOption('#search-plan', '');
  const [first] = await query(page, WORDS[lang][0].q);
  if (first) {
    const hash = decodeURIComponent(new URL(first.href).hash.slice(1));
    await Promise.all([page.waitForURL((u) => u.hash.length > 1), page.click('#search-results > li > a')]);
    const landed = await page.evaluate(() => { const t = document.querySelector(':target'); return t ? t.id : null; });
    check(landed === hash && planOf(page.url()) === WORDS[lang][0].in[0], `${lang} a click lands on the paragraph in its plan`, `${page.url()} :target ${landed}`);
  }
  // The URL's query and plan are read back.
  const w = WORDS[lang][2];
  await page.goto(`${base}${PAGE[lang]}?q=${encodeURIComponent(w.q)}&plan=15th`);
  const back = await settled(page);
  const chosen = await page.$eval('#search-plan', (s) => s.value);
  check(chosen === '15th' && back.length > 0 && back.every((r) => planOf(r.href) === '15th'),
    `${lang} ?q=…&plan=15th searches the 15th only`, `select ${chosen}, ${back.length} hits`);
  await page.close();
}

/** Each plan's own search page finds its own paragraphs only. */
async function ownChecks(ctx, base, lang) {
  const page = await ctx.newPage();
  for (const w of WORDS[lang]) {
    for (const id of ['14th', '15th', 'quanyang-14th']) {
      await page.goto(`${base}plans/${id}/${PAGE[lang]}`);
      const results = await query(page, w.q);
      const want = w.in.includes(id);
      const others = results.filter((r) => planOf(r.href) !== id);
      check(want ? results.length > 0 && others.length === 0 : results.length === 0,
        `${lang} plan ${id}'s own search for "${w.q}": ${want ? 'its hits only' : 'none'}`, `${results.length} hits, ${others.length} elsewhere`);
    }
  }
  await page.close();
}

async function noJsCheck(browser, base, lang) {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(`${base}${PAGE[lang]}`);
  const shown = await page.isVisible('#search-browse');
  const hidden = !(await page.isVisible('#search-form'));
  const links = await page.$$eval('#search-browse a', (as) => as.map((a) => a.href));
  const codes = await Promise.all(links.map((u) => fetch(u).then((r) => r.status)));
  check(shown && hidden && links.length === 6 && codes.every((c) => c === 200),
    `${lang} without JavaScript the page links every plan's home and full text`, `${links.length} links, ${codes.join(' ')}`);
  await ctx.close();
}

/** From file:// (a USB stick) the page either searches or shows the plans' links. */
async function fileCheck(browser, lang) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(pathToFileURL(path.join(PUBLIC, PAGE[lang])).href);
  await page.fill('#search-q', WORDS[lang][0].q);
  await page.press('#search-q', 'Enter');
  const outcome = await page.waitForFunction(() => {
    const browse = document.getElementById('search-browse');
    if (document.querySelector('#search-results > li')) return 'results';
    if (browse && !browse.hidden) return 'browse hint';
    return false;
  }, null, { timeout: 20000 }).then((h) => h.jsonValue(), () => 'nothing');
  check(outcome !== 'nothing', `${lang} from file:// search works or shows the plans' links`, outcome);
  await ctx.close();
}

async function main() {
  if (!fs.existsSync(path.join(PUBLIC, 'plans'))) {
    check(false, `${PUBLIC} is a site of several plans`);
    finish();
  }
  const server = await startServer(PUBLIC);
  const browser = await launchBrowser();
  const foreign = [];
  const missing = [];
  try {
    const ctx = await browser.newContext();
    ctx.on('request', (r) => {
      const u = r.url();
      if (!u.startsWith(server.origin) && !/^(data|blob):/.test(u)) foreign.push(u);
    });
    ctx.on('response', (r) => { if (r.status() >= 400) missing.push(`${r.status()} ${r.url()}`); });
    for (const lang of ['zh', 'en']) {
      await portalChecks(ctx, server.base, lang);
      await noJsCheck(browser, server.base, lang);
      await ownChecks(ctx, server.base, lang);
      await fileCheck(browser, lang);
    }
    check(missing.length === 0, 'no request for a missing file', missing.slice(0, 5).join(' '));
    check(foreign.length === 0, 'no request to another origin', foreign.slice(0, 5).join(' '));
    await ctx.close();
  } catch (e) {
    check(false, 'portal search suite ran to the end', String((e && e.stack) || e));
  } finally {
    await browser.close();
    await server.stop();
  }
  finish();
}

main();
