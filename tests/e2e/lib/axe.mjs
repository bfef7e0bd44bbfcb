// Run axe-core (WCAG 2.0/2.1 A and AA rules) on every crawled page in Chromium.
import { createRequire } from 'node:module';
import { mapLimit } from './util.mjs';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');
const AXE_OPTIONS = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  resultTypes: ['violations'], // details for violations only: faster on big pages
};
// Pages checked in parallel (tabs of one browser context); 3 keeps 2 cores busy.
const PARALLEL = 3;

/**
 * @returns {Promise<{url: string, id: string, impact: string, help: string, nodes: number, target: string}[]>}
 *   one entry per (page, violated rule), in page order then rule id order.
 */
export async function runAxe(browser, urls) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const tabs = await Promise.all(Array.from({ length: Math.min(PARALLEL, urls.length) }, () => context.newPage()));
  try {
    const perPage = await mapLimit(urls, tabs.length, async (url, _i, slot) => {
      const page = tabs[slot];
      try {
        await page.goto(url, { waitUntil: 'load', timeout: 60000 });
        await page.addScriptTag({ path: AXE_PATH });
        const violations = await page.evaluate((opts) => window.axe.run(document, opts).then((r) => r.violations.map((v) => ({
          id: v.id,
          impact: v.impact ?? '',
          help: v.help,
          nodes: v.nodes.length,
          target: v.nodes[0] ? v.nodes[0].target.join(' ') : '',
        }))), AXE_OPTIONS);
        return violations.sort((a, b) => (a.id < b.id ? -1 : 1)).map((v) => ({ url, ...v }));
      } catch (e) {
        return [{ url, id: 'axe-run-error', impact: 'error', help: e.message.split('\n')[0], nodes: 0, target: '' }];
      }
    });
    return perPage.flat();
  } finally {
    await context.close();
  }
}
