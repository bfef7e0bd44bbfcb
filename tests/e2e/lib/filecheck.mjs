// Browse-from-disk check: every relative reference in the HTML (and CSS) files must
// resolve to an existing file, because file:// has no index.html lookup and no server.
import fs from 'node:fs';
import path from 'node:path';
import { cssUrls, hasOtherScheme, htmlRefs, isAbsoluteWebUrl, scanHtml } from './html.mjs';
import { walkFiles } from './util.mjs';

/**
 * @returns {{file: string, line: string, url: string, problem: string}[]}  line = "line:column" ('' in CSS)
 */
export function checkFileUrls(publicDir) {
  const root = path.resolve(publicDir);
  const out = [];
  for (const rel of walkFiles(root)) {
    const isHtml = rel.endsWith('.html');
    if (!isHtml && !rel.endsWith('.css')) continue;
    const text = fs.readFileSync(path.join(root, rel), 'utf8');
    const refs = isHtml ? htmlRefs(scanHtml(text)) : cssUrls(text).map((url) => ({ url, line: '' }));
    const seen = new Set();
    for (const { url, line } of refs) {
      if (url === '' || url.startsWith('#') || isAbsoluteWebUrl(url) || hasOtherScheme(url)) continue;
      const clean = url.replace(/[?#].*$/s, '');
      if (clean === '' || seen.has(url)) continue; // "?x" or a repeat
      seen.add(url);
      const fail = (problem) => out.push({ file: rel, line, url, problem });
      if (clean.startsWith('/')) {
        // The 404 page is served by nginx at any depth, so it may use root-absolute URLs.
        if (path.posix.basename(rel) !== '404.html') fail('root-absolute URL (resolves to the file system root under file://)');
        continue;
      }
      if (clean.endsWith('/')) { fail('ends in "/" (a directory; name the file, e.g. .../index.html)'); continue; }
      let decoded;
      try { decoded = decodeURIComponent(clean); } catch { fail('invalid percent-encoding'); continue; }
      const target = path.resolve(path.dirname(path.join(root, rel)), decoded);
      if (target !== root && !target.startsWith(root + path.sep)) { fail('points outside the site'); continue; }
      const st = fs.statSync(target, { throwIfNoEntry: false });
      if (!st) fail('no such file');
      else if (st.isDirectory()) fail('is a directory (name the file, e.g. .../index.html)');
    }
  }
  return out;
}
