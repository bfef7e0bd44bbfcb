// Full-page screenshots of the representative pages at phone and desktop widths.
import fs from 'node:fs';
import path from 'node:path';

const WIDTHS = [
  { width: 390, height: 844 },
  { width: 1366, height: 768 },
];

/**
 * Save <dir>/<lang>-<name>-<width>.png for every representative page and width.
 * @returns {Promise<{saved: string[], problems: string[]}>}
 */
export async function takeScreenshots(browser, reps, dir) {
  fs.mkdirSync(dir, { recursive: true });
  const saved = [];
  const problems = [];
  for (const size of WIDTHS) {
    const context = await browser.newContext({ viewport: size, deviceScaleFactor: 1 });
    const page = await context.newPage();
    try {
      for (const rep of reps) {
        const file = path.join(dir, `${rep.lang}-${rep.name}-${size.width}.png`);
        if (!rep.url || rep.problem) {
          problems.push(`${path.basename(file)}: ${rep.problem ?? 'page missing'}`);
          continue;
        }
        try {
          await page.goto(rep.url, { waitUntil: 'load', timeout: 60000 });
          await page.evaluate(() => document.fonts.ready);
          await page.screenshot({ path: file, fullPage: true, animations: 'disabled', timeout: 60000 });
          saved.push(file);
        } catch (e) {
          problems.push(`${path.basename(file)}: ${e.message.split('\n')[0]}`);
        }
      }
    } finally {
      await context.close();
    }
  }
  return { saved: saved.sort(), problems };
}
