// Keyboard, zoom/reflow and markup checks beyond axe, on a representative set of pages.
import fs from 'node:fs';
import path from 'node:path';
import { scanHtml } from './html.mjs';
import { counterpartUrl, pageKey, short } from './util.mjs';

const MAX_TABS = 500; // tab stops visited per page before giving up
const MAX_NAV_LINKS = 40; // nav links activated per page
// Freeze transitions/animations/smooth scrolling so computed styles are final at once.
const NO_MOTION_CSS = '*,*::before,*::after{transition:none!important;animation:none!important;scroll-behavior:auto!important}';

/**
 * The representative pages in both languages: home, chapter 3, indicators and the first
 * department page linked from departments/index.html; and, where the site has them, the
 * progress overview, indicator 1, the commitments and the first progress release (the
 * pages whose look depends on progress data, so a site with a release checks them filled).
 * On a site of several plans (PUBLIC_DIR/plans/), also the portal, its department index
 * and its first department page, and the plan pages are those of the first plan.
 * @returns {Promise<{name: string, lang: string, url: string|null, problem?: string}[]>}
 */
export async function representativePages(server, publicDir) {
  const out = [];
  const optional = [];
  // A site of several plans: the portal's pages at the top, then those of
  // its first plan (by folder name) under plans/ID/.
  const plansDir = publicDir ? path.join(publicDir, 'plans') : null;
  const plans = plansDir && fs.existsSync(plansDir) ? fs.readdirSync(plansDir).sort() : [];
  for (const lang of ['zh', 'en']) {
    const top = lang === 'en' ? `${server.base}en/` : server.base;
    const prefix = plans.length ? `${server.base}plans/${plans[0]}/${lang === 'en' ? 'en/' : ''}` : top;
    if (plans.length) {
      out.push({ name: 'portal', lang, url: `${top}index.html` });
      out.push({ name: 'portal-departments', lang, url: `${top}departments/index.html` });
      out.push({ ...(await departmentPage(top, lang)), name: 'portal-department' });
    }
    out.push({ name: 'home', lang, url: `${prefix}index.html` });
    out.push({ name: 'chapter-03', lang, url: `${prefix}chapters/03/index.html` });
    out.push({ name: 'indicators', lang, url: `${prefix}indicators/index.html` });
    out.push({ name: 'departments', lang, url: `${prefix}departments/index.html` });
    out.push(await departmentPage(prefix, lang));
    optional.push({ name: 'progress', lang, url: `${prefix}progress/index.html` });
    optional.push({ name: 'indicator-01', lang, url: `${prefix}indicators/01/index.html` });
    optional.push({ name: 'commitments', lang, url: `${prefix}commitments/index.html` });
    optional.push(await releasePage(prefix, lang));
  }
  // A page that does not answer 200 cannot be checked: keep it with a problem.
  for (const p of out) {
    if (!p.url) continue;
    const r = await fetch(p.url, { signal: AbortSignal.timeout(15000) }).catch((e) => ({ status: e.message }));
    if (r.status !== 200) p.problem = `${short(p.url)} answered ${r.status}`;
  }
  for (const p of optional) {
    if (!p?.url) continue;
    const r = await fetch(p.url, { signal: AbortSignal.timeout(15000) }).catch(() => null);
    if (r?.status === 200) out.push(p);
  }
  return out;
}

/**
 * The first page one folder below `index` (`<id>/index.html`) that `index` links to:
 * `{ url }`, `{}` when there is none, `{ status }` when `index` did not answer 200.
 */
async function firstPageBelow(index) {
  const r = await fetch(index, { signal: AbortSignal.timeout(15000) }).catch(() => null);
  if (!r || r.status !== 200) return { status: r?.status ?? 'nothing' };
  const dir = new URL('./', index).href;
  for (const t of scanHtml(await r.text()).tags) {
    if (t.name !== 'a' || !t.attrs.href) continue;
    const abs = new URL(t.attrs.href, index);
    abs.hash = '';
    const rest = abs.href.startsWith(dir) ? abs.href.slice(dir.length) : '';
    if (/^[^/]+\/(index\.html)?$/.test(rest)) return { url: pageKey(abs.href) };
  }
  return {};
}

/** The first release page progress/<id>/index.html linked from the overview, or null. */
async function releasePage(prefix, lang) {
  const { url } = await firstPageBelow(`${prefix}progress/index.html`);
  return url ? { name: 'release', lang, url } : null;
}

/** The first link on departments/index.html to departments/<id>/index.html. */
async function departmentPage(prefix, lang) {
  const index = `${prefix}departments/index.html`;
  const page = { name: 'department', lang, url: null };
  const found = await firstPageBelow(index);
  if (found.status) return { ...page, problem: `${short(index)} answered ${found.status}` };
  if (found.url) return { ...page, url: found.url };
  return { ...page, problem: `no link to departments/<id>/index.html on ${short(index)}` };
}

// --- in-page helpers (run inside Chromium) -----------------------------------------

/** Static markup checks: main, font size of main p, svg names, table headers/captions. */
function staticChecks() {
  const desc = (el) => el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '')
    + [...el.classList].slice(0, 2).map((c) => `.${c}`).join('');
  const out = [];
  const main = document.querySelector('main');
  if (!main) return ['no <main> element'];
  const small = [...main.querySelectorAll('p')]
    .filter((p) => p.getClientRects().length > 0)
    .map((p) => [p, parseFloat(getComputedStyle(p).fontSize)])
    .filter(([, s]) => s < 15.95);
  if (small.length) {
    out.push(`${small.length} main p with font-size < 16px (first: ${desc(small[0][0])} at ${small[0][1]}px: "${small[0][0].textContent.trim().slice(0, 30)}")`);
  }
  const textOf = (ids) => (ids || '').split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim();
  main.querySelectorAll('svg').forEach((svg, n) => {
    if (svg.parentElement.closest('svg') || svg.closest('[aria-hidden="true"]')) return;
    const title = svg.querySelector(':scope > title')?.textContent.trim();
    const name = (svg.getAttribute('aria-label') ?? '').trim() || textOf(svg.getAttribute('aria-labelledby')) || title;
    if (svg.getAttribute('role') !== 'img' || !name) {
      out.push(`svg #${n + 1} in main (${desc(svg)}) needs role="img" and aria-label/<title>, or aria-hidden="true" (role=${svg.getAttribute('role')}, name=${JSON.stringify(name ?? '')})`);
    }
  });
  main.querySelectorAll('table').forEach((table, n) => {
    if (['presentation', 'none'].includes(table.getAttribute('role'))) return;
    const what = `table #${n + 1} in main (${desc(table)})`;
    const ths = [...table.querySelectorAll('th')];
    if (!ths.length) out.push(`${what} has no th cells`);
    const bad = ths.filter((th) => !['row', 'col', 'rowgroup', 'colgroup'].includes(th.getAttribute('scope')) && !th.closest('thead'));
    if (bad.length) out.push(`${what}: ${bad.length} th outside thead without a valid scope (first: "${bad[0].textContent.trim().slice(0, 30)}")`);
    const caption = table.caption?.textContent.trim();
    const label = (table.getAttribute('aria-label') ?? '').trim() || textOf(table.getAttribute('aria-labelledby'));
    if (!caption && !label) out.push(`${what} has neither a caption nor aria-label/aria-labelledby`);
  });
  return out;
}

/** Describe the focused element after a Tab press and tag it with its tab-stop index. */
function focusedInfo(i) {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  if (el.hasAttribute('data-e2e-tab')) return { wrapped: true };
  el.setAttribute('data-e2e-tab', String(i));
  const cs = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  let opacity = 1;
  for (let n = el; n && n.nodeType === 1; n = n.parentElement) opacity *= parseFloat(getComputedStyle(n).opacity);
  const vw = document.documentElement.clientWidth;
  return {
    i,
    desc: el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '') + [...el.classList].slice(0, 2).map((c) => `.${c}`).join(''),
    text: (el.innerText || el.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ').slice(0, 40),
    href: el.getAttribute('href'),
    abs: el.href || null,
    visible: r.width > 1 && r.height > 1 && cs.visibility !== 'hidden' && opacity > 0.1
      && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < vw,
    outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0 ? `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}` : 'none',
    boxShadow: cs.boxShadow,
  };
}

/** After the sweep: unfocused styles of the tagged tab stops, the skip link target, and the nav/lang links. */
function afterSweep(counterpart) {
  document.activeElement?.blur();
  const norm = (u) => u.replace(/#.*$/, '').replace(/\/index\.html$/, '/');
  const unfocused = {};
  for (const el of document.querySelectorAll('[data-e2e-tab]')) {
    const cs = getComputedStyle(el);
    unfocused[el.dataset.e2eTab] = {
      outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0 ? `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}` : 'none',
      boxShadow: cs.boxShadow,
    };
  }
  const first = document.querySelector('[data-e2e-tab="0"]');
  let skipTarget = null;
  if (first?.tagName === 'A' && (first.getAttribute('href') ?? '').startsWith('#')) {
    let id = first.getAttribute('href').slice(1);
    try { id = decodeURIComponent(id); } catch { /* keep raw */ }
    skipTarget = { id, exists: !!(id && document.getElementById(id)) };
  }
  const info = (a) => ({
    tab: a.hasAttribute('data-e2e-tab') ? Number(a.dataset.e2eTab) : -1,
    text: (a.innerText || a.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ').slice(0, 40),
    abs: a.href,
  });
  const outside = [...document.querySelectorAll('a[href]')].filter((a) => !a.closest('main'));
  const lang = outside.filter((a) => norm(a.href) === norm(counterpart)).map(info);
  const nav = [...document.querySelectorAll('nav a[href]')].filter((a) => !a.closest('main') && norm(a.href) !== norm(counterpart)).map(info);
  return { unfocused, skipTarget, lang, nav };
}

/** Cells of the tables in main that lie outside the viewport, left or right. */
function cellsOutside() {
  const cw = document.documentElement.clientWidth;
  const out = [];
  document.querySelectorAll('main table').forEach((t, n) => {
    const cells = [...t.querySelectorAll('td, th')].filter((c) => {
      const r = c.getBoundingClientRect();
      return r.width > 0 && (r.right > cw + 1 || r.left < -1);
    });
    if (cells.length) out.push(`table #${n + 1} (${t.className || 'no class'}): ${cells.length} cells outside the viewport, first "${cells[0].innerText.trim().slice(0, 20)}"`);
  });
  return out;
}

/**
 * Typography on a phone: a short quoted term without spaces (“十四五”) in a
 * title or a list label broken across two lines, and a list item numbered twice (a
 * visible marker before a label that carries its own number, "1. 第一章").
 */
function typography() {
  const out = [];
  const labels = 'main h1, main h2, main h3, main caption, main .card-title, main li > a, header .brand, footer p';
  const broken = [];
  for (const el of document.querySelectorAll(labels)) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      for (const m of n.data.matchAll(/“[^“”\s]{1,8}”/g)) {
        const r = document.createRange();
        r.setStart(n, m.index);
        r.setEnd(n, m.index + m[0].length);
        const tops = new Set([...r.getClientRects()].filter((q) => q.width > 0).map((q) => Math.round(q.top)));
        if (tops.size > 1) broken.push(m[0]);
      }
    }
  }
  if (broken.length) out.push(`${broken.length} quoted terms broken across lines (first: ${broken[0]})`);
  const own = /^\s*(第[一二三四五六七八九十百零〇\d]+[章节篇条部分]|(Chapter|Section|Part) \d|\d+[.、．])/;
  const twice = [...document.querySelectorAll('main ol > li')].filter((li) => {
    const st = getComputedStyle(li);
    return st.display === 'list-item' && st.listStyleType !== 'none' && own.test(li.innerText);
  });
  if (twice.length) out.push(`${twice.length} list items numbered twice (first: "${twice[0].innerText.trim().slice(0, 20)}")`);
  return out;
}

/** Horizontal overflow of the document, with the outermost elements sticking out. */
function overflow() {
  const de = document.documentElement;
  const cw = de.clientWidth;
  if (de.scrollWidth <= cw) return null;
  const clipped = (el) => {
    for (let n = el.parentElement; n && n !== document.body; n = n.parentElement) {
      if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(n).overflowX)) return true;
    }
    return false;
  };
  const over = new Set([...document.body.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > cw + 1));
  const culprits = [...over].filter((el) => !over.has(el.parentElement) && !clipped(el)).slice(0, 3).map((el) => {
    const r = el.getBoundingClientRect();
    return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${[...el.classList].slice(0, 2).map((c) => `.${c}`).join('')} (right edge ${Math.round(r.right)}px)`;
  });
  return `scrollWidth ${de.scrollWidth} > clientWidth ${cw}${culprits.length ? `; sticking out: ${culprits.join(', ')}` : ''}`;
}

// --- driver (Node side) -----------------------------------------------------------

async function open(page, url, width, height = 800) {
  await page.setViewportSize({ width, height });
  await page.goto(url, { waitUntil: 'load', timeout: 60000 });
  await page.addStyleTag({ content: NO_MOTION_CSS });
}

/** Reload `url`, Tab to tab stop `index`, press Enter; returns the URL shown afterwards (or a problem). */
async function activateByKeyboard(page, url, index, expectText) {
  await open(page, url, 1280);
  for (let n = 0; n <= index; n++) await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => (document.activeElement?.innerText || document.activeElement?.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ').slice(0, 40));
  if (focused !== expectText) return { problem: `Tab order changed on reload (found "${focused}")` };
  // Any navigation of the main frame counts, also to the same URL or to a #fragment.
  const navigated = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame(), timeout: 5000 })
    .then(() => true, () => false);
  await page.keyboard.press('Enter');
  if (!(await navigated)) return { problem: 'pressing Enter did not navigate' };
  await page.waitForLoadState('domcontentloaded').catch(() => {});
  return { url: page.url() };
}

/** All checks on one page; returns a list of finding strings. */
async function checkPage(page, url) {
  const findings = [];
  await open(page, url, 1280);
  findings.push(...(await page.evaluate(staticChecks)));

  // Tab through the page from the top.
  const stops = [];
  for (let i = 0; i < MAX_TABS; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(focusedInfo, i);
    if (!info || info.wrapped) break;
    stops.push(info);
  }
  const counterpart = counterpartUrl(url);
  const after = await page.evaluate(afterSweep, counterpart);
  if (!stops.length) findings.push('Tab focuses nothing');
  else if (!after.skipTarget) findings.push(`first focusable element is not a skip link (it is ${stops[0].desc} "${stops[0].text}")`);
  else if (!after.skipTarget.exists) findings.push(`skip link target #${after.skipTarget.id} does not exist`);

  const hidden = stops.filter((s) => !s.visible);
  if (hidden.length) findings.push(`${hidden.length} of ${stops.length} tab stops are not visible when focused (first: ${hidden[0].desc} "${hidden[0].text}")`);
  const noRing = stops.filter((s) => {
    const u = after.unfocused[String(s.i)] ?? { outline: 'none', boxShadow: 'none' };
    const outline = s.outline !== 'none' && s.outline !== u.outline;
    const shadow = s.boxShadow !== 'none' && s.boxShadow !== u.boxShadow;
    return !outline && !shadow;
  });
  if (noRing.length) findings.push(`${noRing.length} of ${stops.length} tab stops have no focus indicator (outline/box-shadow unchanged; first: ${noRing[0].desc} "${noRing[0].text}")`);

  // Language switch: Tab to it, Enter, and the counterpart page must be shown.
  if (!after.lang.length) findings.push(`no language switch linking to the counterpart ${short(counterpart)}`);
  for (const link of after.lang.slice(0, 1)) {
    if (link.tab < 0) { findings.push(`language switch "${link.text}" is not reachable with Tab`); continue; }
    const r = await activateByKeyboard(page, url, link.tab, link.text);
    if (r.problem) findings.push(`language switch "${link.text}": ${r.problem}`);
    else if (pageKey(r.url) !== pageKey(counterpart)) findings.push(`language switch "${link.text}" + Enter went to ${short(r.url)}, expected ${short(counterpart)}`);
  }
  // Every nav link (outside main): reachable and activatable with the keyboard
  // (the first MAX_NAV_LINKS of them, to bound the time on link-heavy pages).
  for (const link of after.nav.slice(0, MAX_NAV_LINKS)) {
    if (link.tab < 0) { findings.push(`nav link "${link.text}" (${short(link.abs)}) is not reachable with Tab`); continue; }
    const r = await activateByKeyboard(page, url, link.tab, link.text);
    if (r.problem) findings.push(`nav link "${link.text}": ${r.problem}`);
    else if (r.url !== link.abs && pageKey(r.url) !== pageKey(link.abs)) findings.push(`nav link "${link.text}" + Enter went to ${short(r.url)}, expected ${short(link.abs)}`);
  }

  // Reflow: no horizontal scrolling at 320 px, nor at 640 px with 200 % text;
  // on phones (320 and 390 px) every table cell is on screen without
  // scrolling the table sideways.
  await open(page, url, 320, 640);
  const o320 = await page.evaluate(overflow);
  if (o320) findings.push(`horizontal scroll at 320px: ${o320}`);
  for (const width of [320, 390]) {
    await open(page, url, width, 640);
    for (const f of await page.evaluate(cellsOutside)) findings.push(`at ${width}px: ${f}`);
    for (const f of await page.evaluate(typography)) findings.push(`at ${width}px: ${f}`);
  }
  await open(page, url, 640);
  await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const o200 = await page.evaluate(overflow);
  if (o200) findings.push(`horizontal scroll at 640px with 200% text: ${o200}`);
  return findings;
}

/**
 * Run the UX checks on the representative pages.
 * @returns {Promise<{page: string, finding: string}[]>}
 */
export async function runUx(browser, reps) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const out = [];
  try {
    for (const rep of reps) {
      const label = `${rep.lang}/${rep.name}`;
      if (rep.problem) { out.push({ page: label, finding: `cannot check: ${rep.problem}` }); continue; }
      try {
        for (const f of await checkPage(page, rep.url)) out.push({ page: `${label} (${short(rep.url)})`, finding: f });
      } catch (e) {
        out.push({ page: label, finding: `error: ${e.message.split('\n')[0]}` });
      }
    }
  } finally {
    await context.close();
  }
  return out;
}
