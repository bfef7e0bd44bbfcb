#!/usr/bin/env node
// End-to-end quality suite for the generated plansite.
//
//   node tests/e2e/run.mjs [PUBLIC_DIR]      (default: <repo>/public)
//
// Serves PUBLIC_DIR with a real nginx under /plan/, crawls it, and runs these checks:
//   crawl       no 4xx/5xx for any same-origin link or asset; the 404 page works
//   anchors     every page#id link has its target id
//   orphans     every .html file on disk is reached by the crawl (404.html exempt)
//   external    no reference to another origin (http(s):// or //host) in markup or CSS
//   file        every relative link works from file:// (names a file that exists)
//   axe         axe-core WCAG 2.0/2.1 A+AA rules on every crawled page, in Chromium
//   ux          keyboard, focus, reflow, font size, svg and table checks (representative pages)
//   budgets     page weight < 150 kB gzip (HTML + assets); main content without JavaScript
//   screenshots full-page PNGs of the representative pages at 390 and 1366 px
//   vnu         Nu HTML Checker errors in any .html file
//
// Environment:
//   E2E_ONLY=crawl,axe     run only these checks (comma list)
//   E2E_SCREENSHOTS=DIR    where to save screenshots (default <repo>/target/e2e-screenshots)
//   E2E_MAX_LINES=N        findings printed per check (default 200, 0 = all)
//   CHROMIUM, NGINX, JAVA  override the executables
//
// Prints each check's findings, a summary line starting with "e2e:", and finally
// "N passed, M failed". Exits 0 only when every selected check passed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runAxe } from './lib/axe.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { checkNoJs, weighPages, BUDGET_BYTES } from './lib/budgets.mjs';
import {
  brokenLinks, checkNotFoundPage, crawlSite, externalRefs, missingAnchors, orphanPages,
} from './lib/crawl.mjs';
import { checkFileUrls } from './lib/filecheck.mjs';
import { takeScreenshots } from './lib/screenshots.mjs';
import { startServer } from './lib/server.mjs';
import { isEnglish, kb, listSome, short } from './lib/util.mjs';
import { representativePages, runUx } from './lib/ux.mjs';
import { runVnu } from './lib/vnu.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../..');
const CHECKS = ['crawl', 'anchors', 'orphans', 'external', 'file', 'axe', 'ux', 'budgets', 'screenshots', 'vnu'];
const MAX_LINES = Number(process.env.E2E_MAX_LINES ?? 200) || Infinity;

// --- arguments ------------------------------------------------------------------

const publicDir = path.resolve(process.argv[2] ?? path.join(REPO, 'public'));
if (!fs.existsSync(path.join(publicDir, 'index.html'))) {
  console.error(`usage: node run.mjs PUBLIC_DIR   (${publicDir}/index.html does not exist)`);
  process.exit(2);
}
const only = (process.env.E2E_ONLY ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const unknown = only.filter((c) => !CHECKS.includes(c));
if (unknown.length) {
  console.error(`E2E_ONLY: unknown check(s) ${unknown.join(', ')}; known: ${CHECKS.join(', ')}`);
  process.exit(2);
}
const selected = new Set(only.length ? only : CHECKS);
const screenshotDir = path.resolve(process.env.E2E_SCREENSHOTS || path.join(REPO, 'target/e2e-screenshots'));

// Ctrl-C / kill: exit through process.exit so the nginx child is killed by its 'exit' hook.
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

// --- reporting ------------------------------------------------------------------

const results = new Map(); // check -> 'passed' | 'failed'
const counts = {
  pages: 0, broken_links: 0, missing_anchors: 0, orphans: 0, external_refs: 0,
  axe_violations: 0, vnu_errors: 0, file_failures: 0, budget_failures: 0, ux_failures: 0,
};

/** Print one check's result: header, info lines, then (capped) findings. */
function report(name, { failures, findings = [], info = [], ms }) {
  const ok = failures === 0;
  results.set(name, ok ? 'passed' : 'failed');
  console.log(`\n== ${name}: ${ok ? 'PASS' : 'FAIL'} (${failures} finding${failures === 1 ? '' : 's'}, ${(ms / 1000).toFixed(1)} s)`);
  for (const l of info) console.log(`   ${l}`);
  for (const l of findings.slice(0, MAX_LINES)) console.log(`   - ${l}`);
  if (findings.length > MAX_LINES) console.log(`   ... ${findings.length - MAX_LINES} more (set E2E_MAX_LINES=0 to see all)`);
}

/** Run a check if selected; an exception fails it with the error as its finding. */
async function check(name, fn) {
  if (!selected.has(name)) return;
  const t = Date.now();
  try {
    const r = await fn();
    report(name, { ...r, ms: Date.now() - t });
  } catch (e) {
    report(name, { failures: 1, findings: [`error: ${e.stack ?? e}`], ms: Date.now() - t });
  }
}

// --- the checks -----------------------------------------------------------------

async function main() {
  console.log(`e2e: checking ${publicDir}`);
  // vnu (Java) runs in the background while the browser checks run.
  const vnuResult = selected.has('vnu') ? runVnu(publicDir) : null;
  const needServer = ['crawl', 'anchors', 'orphans', 'external', 'axe', 'ux', 'budgets', 'screenshots'].some((c) => selected.has(c));
  const needCrawl = ['crawl', 'anchors', 'orphans', 'external', 'axe', 'budgets'].some((c) => selected.has(c));
  const needBrowser = ['axe', 'ux', 'budgets', 'screenshots'].some((c) => selected.has(c));

  let server = null;
  let browser = null;
  try {
    let serverError = null;
    if (needServer) {
      try {
        server = await startServer(publicDir);
        console.log(`e2e: nginx serving ${publicDir} at ${server.base}`);
      } catch (e) {
        serverError = e;
      }
    }
    const requireServer = () => { if (serverError) throw serverError; };

    let crawl = null;
    let crawlError = null;
    if (needCrawl && server) {
      try { crawl = await crawlSite(server); } catch (e) { crawlError = e; }
    }
    const requireCrawl = () => { requireServer(); if (crawlError) throw crawlError; };
    if (crawl) counts.pages = crawl.pages.length;

    await check('crawl', async () => {
      requireCrawl();
      const broken = [...brokenLinks(crawl), ...(await checkNotFoundPage(server, publicDir, crawl))];
      counts.broken_links = broken.length;
      const zh = crawl.pages.filter((p) => !isEnglish(p)).length;
      return {
        failures: broken.length,
        info: [`${crawl.pages.length} HTML pages (zh ${zh}, en ${crawl.pages.length - zh}), ${crawl.resources.size} URLs fetched`],
        findings: broken.map((b) => `${b.status} ${short(b.url)}  <- ${listSome(b.from.map(short))}`),
      };
    });
    await check('anchors', async () => {
      requireCrawl();
      const missing = missingAnchors(crawl);
      counts.missing_anchors = missing.length;
      return { failures: missing.length, findings: missing.map((m) => `${short(m.url)}  <- ${listSome(m.from.map(short))}`) };
    });
    await check('orphans', async () => {
      requireCrawl();
      const orphans = orphanPages(crawl, publicDir);
      counts.orphans = orphans.length;
      return { failures: orphans.length, findings: orphans.map((o) => `${o} is not linked from any crawled page`) };
    });
    await check('external', async () => {
      requireCrawl();
      const ext = externalRefs(crawl);
      counts.external_refs = ext.length;
      return { failures: ext.length, findings: ext.map((x) => `${x.url}  in ${listSome(x.from)}`) };
    });
    await check('file', async () => {
      const fails = checkFileUrls(publicDir);
      counts.file_failures = fails.length;
      return { failures: fails.length, findings: fails.map((f) => `${f.file}${f.line ? `:${f.line}` : ''} "${f.url}": ${f.problem}`) };
    });

    let browserError = null;
    if (needBrowser && !serverError) {
      try { browser = await launchBrowser(); } catch (e) { browserError = e; }
    }
    const requireBrowser = () => { requireServer(); if (browserError) throw browserError; };
    const reps = ['ux', 'budgets', 'screenshots'].some((c) => selected.has(c)) && server ? await representativePages(server, publicDir) : [];

    await check('axe', async () => {
      requireCrawl();
      requireBrowser();
      const notFound = fs.existsSync(path.join(publicDir, '404.html')) ? [`${server.base}404.html`] : [];
      const urls = [...crawl.pages, ...notFound.filter((u) => !crawl.pages.includes(u))];
      const violations = await runAxe(browser, urls);
      counts.axe_violations = violations.length;
      // Overview by rule first, then one line per (page, rule).
      const byRule = new Map();
      for (const v of violations) {
        if (!byRule.has(v.id)) byRule.set(v.id, { ...v, pages: [], nodeCount: 0 });
        const r = byRule.get(v.id);
        r.pages.push(short(v.url));
        r.nodeCount += v.nodes;
      }
      const info = [`${urls.length} pages checked`];
      for (const [id, r] of [...byRule].sort(([a], [b]) => (a < b ? -1 : 1))) {
        info.push(`rule ${id} (${r.impact}): ${r.pages.length} pages, ${r.nodeCount} nodes - ${r.help}; e.g. ${listSome(r.pages, 2)}`);
      }
      return {
        failures: violations.length,
        info,
        findings: violations.map((v) => `${short(v.url)}  ${v.id}  ${v.target}${v.nodes > 1 ? ` (+${v.nodes - 1} more nodes)` : ''}`),
      };
    });
    await check('ux', async () => {
      requireBrowser();
      const found = await runUx(browser, reps);
      counts.ux_failures = found.length;
      return {
        failures: found.length,
        info: [`pages: ${reps.map((r) => `${r.lang}/${r.name}`).join(', ')}`],
        findings: found.map((f) => `${f.page}: ${f.finding}`),
      };
    });
    await check('budgets', async () => {
      requireCrawl();
      requireBrowser();
      const weights = weighPages(crawl);
      const over = weights.filter((w) => w.bytes >= BUDGET_BYTES && !w.exempt);
      const noJs = await checkNoJs(browser, reps);
      counts.budget_failures = over.length + noJs.length;
      const info = [`budget ${kb(BUDGET_BYTES)} gzip per page (HTML + assets); largest pages:`];
      for (const w of weights.slice(0, 5)) {
        const top = w.assets[0] ? `, largest asset ${short(w.assets[0].url)} ${kb(w.assets[0].bytes)}` : '';
        info.push(`  ${kb(w.bytes).padStart(10)}  ${w.page}${w.exempt ? ' (exempt)' : ''}  [html ${kb(w.htmlBytes)} + ${w.assets.length} assets${top}]`);
      }
      return {
        failures: over.length + noJs.length,
        info,
        findings: [...over.map((w) => `${w.page}: ${kb(w.bytes)} >= ${kb(BUDGET_BYTES)}`), ...noJs],
      };
    });
    await check('screenshots', async () => {
      requireBrowser();
      const { saved, problems } = await takeScreenshots(browser, reps, screenshotDir);
      return { failures: problems.length, info: [`${saved.length} screenshots in ${screenshotDir}`], findings: problems };
    });
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (server) await server.stop();
  }

  await check('vnu', async () => {
    const errors = await vnuResult;
    counts.vnu_errors = errors.length;
    return { failures: errors.length, findings: errors.map((e) => `${e.file}:${e.line}:${e.col}: ${e.message}`) };
  });

  // --- summary ---------------------------------------------------------------------
  console.log('');
  console.log(`e2e: ${Object.entries(counts).map(([k, v]) => `${k}=${v}`).join(' ')}`);
  const passed = CHECKS.filter((c) => results.get(c) === 'passed').length;
  const failed = CHECKS.filter((c) => results.get(c) === 'failed').length;
  const skipped = CHECKS.length - passed - failed;
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`e2e: internal error: ${e.stack ?? e}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
