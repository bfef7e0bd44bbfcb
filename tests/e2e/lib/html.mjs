// A small, dependency-free HTML/CSS reference scanner.
//
// It is not a full HTML parser: it walks the markup tag by tag, skips comments and the
// raw text of <script>/<style>/<textarea>/<title>, reads attributes (quoted or not,
// entities decoded) and collects every URL the page references. That is all the crawl,
// the anchor check and the file:// check need, and it keeps the suite free of parser
// dependencies.

const NAMED_ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decode the character references that matter in attribute values. */
export function decodeEntities(s) {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);?/gi, (m, e) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(cp) && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    return NAMED_ENTITIES[e.toLowerCase()] ?? m;
  });
}

const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title']);
const TAG_NAME = /<([a-zA-Z][a-zA-Z0-9:-]*)/y;
const ATTR_NAME = /[^\s"'>/=]+/y;
const WS = /[\s/]*/y;
const EQ = /\s*=\s*/y;
const UNQUOTED = /[^\s>]*/y;

/** Run a sticky regex at `pos`; returns the match or null. */
function at(re, s, pos) {
  re.lastIndex = pos;
  return re.exec(s);
}

/**
 * Scan an HTML document.
 * @returns {{tags: {name: string, attrs: Record<string,string>, line: string}[], styles: {css: string, line: string}[]}}
 *   tags in document order (start tags only, attribute names lower-cased, first wins,
 *   line = "line:column" of the tag),
 *   and the text (with its line) of every <style> element.
 */
export function scanHtml(html) {
  const tags = [];
  const styles = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  let lineScanPos = 0;
  // "line:column" of a position; lines are counted incrementally as positions only grow.
  const where = (pos) => {
    for (; lineScanPos < pos; lineScanPos++) {
      if (html.charCodeAt(lineScanPos) === 10) { line++; lineStart = lineScanPos + 1; }
    }
    return `${line}:${pos - lineStart + 1}`;
  };
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt === -1) break;
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end === -1 ? html.length : end + 3;
      continue;
    }
    if (html[lt + 1] === '!' || html[lt + 1] === '?' || html[lt + 1] === '/') {
      const end = html.indexOf('>', lt);
      i = end === -1 ? html.length : end + 1;
      continue;
    }
    const m = at(TAG_NAME, html, lt);
    if (!m) {
      i = lt + 1;
      continue;
    }
    const name = m[1].toLowerCase();
    const attrs = {};
    let pos = lt + m[0].length;
    // Attributes until '>' (a '/' before '>' is just the self-closing marker).
    for (;;) {
      pos += at(WS, html, pos)[0].length;
      if (pos >= html.length || html[pos] === '>') break;
      const an = at(ATTR_NAME, html, pos);
      if (!an) {
        pos++;
        continue;
      }
      pos += an[0].length;
      let value = '';
      const eq = at(EQ, html, pos);
      if (eq) {
        pos += eq[0].length;
        const q = html[pos];
        if (q === '"' || q === "'") {
          const end = html.indexOf(q, pos + 1);
          value = html.slice(pos + 1, end === -1 ? html.length : end);
          pos = end === -1 ? html.length : end + 1;
        } else {
          const uv = at(UNQUOTED, html, pos);
          value = uv[0];
          pos += value.length;
        }
      }
      const key = an[0].toLowerCase();
      if (!(key in attrs)) attrs[key] = decodeEntities(value);
    }
    tags.push({ name, attrs, line: where(lt) });
    i = pos + 1;
    if (RAW_TEXT.has(name)) {
      // Raw text runs to the matching end tag.
      const closeRe = new RegExp(`</${name}`, 'gi');
      closeRe.lastIndex = i;
      const close = closeRe.exec(html);
      const end = close ? close.index : html.length;
      if (name === 'style') styles.push({ css: html.slice(i, end), line: where(lt) });
      i = end;
    }
  }
  return { tags, styles };
}

/** Every url(...) and @import in a style sheet (comments removed). */
export function cssUrls(css) {
  const src = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const out = [];
  for (const m of src.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)"'\s]*))\s*\)/gi)) {
    out.push(m[1] ?? m[2] ?? m[3]);
  }
  for (const m of src.matchAll(/@import\s+(?:"([^"]*)"|'([^']*)')/gi)) out.push(m[1] ?? m[2]);
  return out.filter((u) => u !== undefined && u.trim() !== '').map((u) => u.trim());
}

/** The URLs in a srcset attribute (descriptors dropped). */
export function srcsetUrls(v) {
  if (/^\s*data:/i.test(v)) return [];
  return v
    .split(',')
    .map((c) => c.trim().split(/\s+/)[0])
    .filter(Boolean);
}

// link rel values whose target the browser loads as part of the page.
const LINK_ASSET_RELS = new Set([
  'stylesheet', 'icon', 'shortcut', 'apple-touch-icon', 'mask-icon', 'preload', 'modulepreload', 'prefetch', 'manifest',
]);

// Attributes that hold one URL, by element ('*' = any element).
const URL_ATTRS = {
  a: ['href'], area: ['href'], link: ['href'], base: [],
  img: ['src'], source: ['src'], script: ['src'], video: ['src', 'poster'], audio: ['src'], track: ['src'],
  iframe: ['src'], embed: ['src'], object: ['data'], input: ['src', 'formaction'], button: ['formaction'],
  form: ['action'], use: ['href', 'xlink:href'], image: ['href', 'xlink:href'], blockquote: ['cite'], q: ['cite'],
};

/**
 * All URL references of an HTML document.
 * @returns {{url: string, tag: string, attr: string, kind: 'nav'|'asset', line: string}[]}
 *   kind 'asset' = loaded with the page (styles, scripts, images, ...);
 *   kind 'nav'   = followed by the user or a crawler (links, alternates, forms).
 */
export function htmlRefs(scan) {
  const refs = [];
  const add = (url, tag, attr, kind, line) => {
    if (url === undefined) return;
    refs.push({ url: url.trim(), tag, attr, kind, line });
  };
  for (const { name, attrs, line } of scan.tags) {
    for (const attr of URL_ATTRS[name] ?? []) {
      if (!(attr in attrs)) continue;
      let kind = 'asset';
      if (name === 'a' || name === 'area' || name === 'form' || attr === 'formaction' || attr === 'cite') kind = 'nav';
      if (name === 'iframe') kind = 'nav';
      if (name === 'link') {
        const rels = (attrs.rel ?? '').toLowerCase().split(/\s+/);
        kind = rels.some((r) => LINK_ASSET_RELS.has(r)) ? 'asset' : 'nav';
      }
      add(attrs[attr], name, attr, kind, line);
    }
    if ((name === 'img' || name === 'source') && attrs.srcset) {
      for (const u of srcsetUrls(attrs.srcset)) add(u, name, 'srcset', 'asset', line);
    }
    if (name === 'meta' && /^refresh$/i.test(attrs['http-equiv'] ?? '')) {
      const m = /url\s*=\s*['"]?([^'"]+)/i.exec(attrs.content ?? '');
      if (m) add(m[1], name, 'content', 'nav', line);
    }
    if (attrs.style) for (const u of cssUrls(attrs.style)) add(u, name, 'style', 'asset', line);
  }
  for (const { css, line } of scan.styles) for (const u of cssUrls(css)) add(u, 'style', 'url()', 'asset', line);
  return refs;
}

/** The document's <base href>, if any. */
export function baseHref(scan) {
  return scan.tags.find((t) => t.name === 'base' && t.attrs.href)?.attrs.href ?? null;
}

/** Fragment targets of an HTML/SVG document: every id, and the name of every <a>. */
export function fragmentTargets(scan) {
  const ids = new Set();
  for (const { name, attrs } of scan.tags) {
    if ('id' in attrs) ids.add(attrs.id);
    if (name === 'a' && 'name' in attrs) ids.add(attrs.name);
  }
  return ids;
}

/** Absolute http(s) or protocol-relative URL (another origin as far as this site is concerned). */
export function isAbsoluteWebUrl(u) {
  return /^\s*(https?:)?\/\//i.test(u);
}

/** A URL with a scheme that is not fetched from the site (mailto:, tel:, data:, javascript:, ...). */
export function hasOtherScheme(u) {
  return /^\s*[a-z][a-z0-9+.-]*:/i.test(u) && !/^\s*https?:/i.test(u);
}
