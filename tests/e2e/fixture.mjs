// A tiny bilingual site with the real site's layout, for testing the suite itself
// (see selftest.mjs). makeFixture(dir) writes a site that passes every check;
// breakFixture(dir) then plants one known fault per check.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const SECTIONS = ['chapters/01', 'chapters/02', 'chapters/03', 'fulltext', 'indicators', 'projects', 'departments', 'commitments', 'about', 'data'];
const DEPARTMENTS = ['development', 'environment'];
const T = {
  zh: {
    site: '兖州区“十四五”生态环境保护规划', skip: '跳到正文', other: 'English', otherLang: 'en', nav: '主导航',
    names: { 'chapters/01': '第一章', 'chapters/02': '第二章', 'chapters/03': '第三章', fulltext: '全文', indicators: '指标', projects: '重点项目', departments: '部门', commitments: '承诺', about: '关于', data: '数据' },
    dept: { development: '发展和改革局', environment: '生态环境分局' },
    para: '到2025年，生态环境质量持续改善，主要污染物排放总量持续减少，生态系统稳定性明显增强。',
    caption: '主要指标', indicator: '指标', target: '目标值', pm: '细颗粒物浓度', notFound: '页面不存在',
  },
  en: {
    site: 'Yanzhou 14th Five-Year Eco-Environmental Plan', skip: 'Skip to content', other: '中文', otherLang: 'zh', nav: 'Main',
    names: { 'chapters/01': 'Chapter 1', 'chapters/02': 'Chapter 2', 'chapters/03': 'Chapter 3', fulltext: 'Full text', indicators: 'Indicators', projects: 'Projects', departments: 'Departments', commitments: 'Commitments', about: 'About', data: 'Data' },
    dept: { development: 'Development and Reform Bureau', environment: 'Environment Branch' },
    para: 'By 2025 the quality of the environment keeps improving, total emissions of major pollutants keep falling and ecosystems become more stable.',
    caption: 'Main indicators', indicator: 'Indicator', target: 'Target', pm: 'PM2.5 concentration', notFound: 'Page not found',
  },
};

const CSS = `*{box-sizing:border-box}
body{margin:0;font:18px/1.6 "WenQuanYi Micro Hei",sans-serif;color:#1a1a1a;background:#fff}
a{color:#0b4f9c}
a:focus-visible{outline:3px solid #b3541e;outline-offset:2px}
.skip{position:absolute;left:-9999px;top:0;background:#fff;padding:.5rem}
.skip:focus{left:.5rem}
header,main,footer{padding:1rem;max-width:60rem;margin:0 auto}
nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;padding:0;margin:0}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse}
th,td{border:1px solid #767676;padding:.25rem .5rem;text-align:left}
footer{border-top:1px solid #767676;background:url(bg.svg) no-repeat right}
`;
const BG_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect id="dot" width="8" height="8" fill="#eee"/></svg>\n';
const LOGO_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32"><circle cx="16" cy="16" r="14" fill="#2a7d4f"/></svg>\n';

/** Relative prefix from a page at `rel` (e.g. "en/chapters/03/index.html") to the site root. */
const up = (rel) => '../'.repeat(rel.split('/').length - 1);

function page(lang, rel, title, main) {
  const t = T[lang];
  const root = up(rel); // to the site root
  const home = lang === 'en' ? `${root}en/` : root; // to this language's root
  const other = lang === 'en' ? `${root}${rel.slice(3)}` : `${root}en/${rel}`;
  const nav = SECTIONS.filter((s) => !s.startsWith('chapters/0') || s === 'chapters/01')
    .map((s) => `<li><a href="${home}${s}/index.html">${t.names[s]}</a></li>`).join('');
  return `<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} - ${t.site}</title>
<link rel="stylesheet" href="${root}assets/site.css">
<link rel="alternate" hreflang="${t.otherLang}" href="${other}">
</head>
<body>
<a class="skip" href="#main">${t.skip}</a>
<header><a href="${home}index.html"><img src="${root}assets/logo.svg" alt="" width="32" height="32"> ${t.site}</a>
<nav aria-label="${t.nav}"><ul>${nav}<li><a href="${other}" hreflang="${t.otherLang}" lang="${t.otherLang}">${t.other}</a></li></ul></nav>
</header>
<main id="main">
<h1>${title}</h1>
${main}
</main>
<footer><p>© 2021</p></footer>
</body>
</html>
`;
}

function mainFor(lang, section, rel) {
  const t = T[lang];
  const home = lang === 'en' ? `${up(rel)}en/` : up(rel);
  if (section.startsWith('chapters/')) {
    return `<nav aria-label="toc"><ul><li><a href="#s1">1</a></li><li><a href="#s2">2</a></li></ul></nav>
<h2 id="s1">1</h2><p>${t.para}</p><h2 id="s2">2</h2><p>${t.para}</p>
<p><a href="${home}indicators/index.html#pm25">${t.pm}</a></p>`;
  }
  if (section === 'indicators') {
    return `<div class="table-wrap"><table><caption>${t.caption}</caption>
<thead><tr><th scope="col">${t.indicator}</th><th scope="col">2020</th><th scope="col">${t.target}</th></tr></thead>
<tbody><tr id="pm25"><th scope="row">${t.pm}</th><td>45</td><td>38</td></tr></tbody></table></div>
<svg role="img" aria-label="${t.pm}: 45 → 38" width="200" height="40" viewBox="0 0 200 40"><rect width="180" height="15" fill="#2a7d4f"/><rect y="20" width="152" height="15" fill="#0b4f9c"/></svg>
<p>${t.para}</p>`;
  }
  if (section === 'departments') {
    return `<ul>${DEPARTMENTS.map((d) => `<li><a href="${d}/index.html">${t.dept[d]}</a></li>`).join('')}</ul>`;
  }
  return `<p>${t.para}</p><p><a href="mailto:plan@example.org">plan@example.org</a></p>`;
}

/** Write the passing fixture site into `dir` (emptied first). */
export function makeFixture(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  const write = (rel, text) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  write('assets/site.css', CSS);
  write('assets/bg.svg', BG_SVG);
  write('assets/logo.svg', LOGO_SVG);
  for (const lang of ['zh', 'en']) {
    const t = T[lang];
    const pre = lang === 'en' ? 'en/' : '';
    write(`${pre}index.html`, page(lang, `${pre}index.html`, t.site, mainFor(lang, 'home', `${pre}index.html`)
      + `<ul>${SECTIONS.map((s) => `<li><a href="${s}/index.html">${t.names[s]}</a></li>`).join('')}</ul>`));
    for (const s of SECTIONS) {
      const rel = `${pre}${s}/index.html`;
      write(rel, page(lang, rel, t.names[s], mainFor(lang, s, rel)));
    }
    for (const d of DEPARTMENTS) {
      const rel = `${pre}departments/${d}/index.html`;
      write(rel, page(lang, rel, t.dept[d], `<p>${t.para}</p>`));
    }
  }
  // Served at any depth by nginx's error_page, so it uses root-absolute URLs.
  write('404.html', page('zh', '404.html', T.zh.notFound, `<p><a href="index.html">${T.zh.site}</a></p>`)
    .replaceAll('en/404.html', 'en/index.html')
    .replaceAll('href="assets/', 'href="/plan/assets/').replaceAll('src="assets/', 'src="/plan/assets/')
    .replaceAll(/href="((?:en\/)?[a-z0-9/]+\.html)"/g, 'href="/plan/$1"'));
}

/** Plant one known fault per check into a fixture made by makeFixture. */
export function breakFixture(dir) {
  const edit = (rel, fn) => fs.writeFileSync(path.join(dir, rel), fn(fs.readFileSync(path.join(dir, rel), 'utf8')));
  edit('index.html', (h) => h.replace('</main>', [
    '<p><a href="chapters/09/index.html">dead link</a></p>', // crawl
    '<p><a href="chapters/01/index.html#no-such-id">missing anchor</a></p>', // anchors
    '<p><a href="chapters/02/">directory link</a></p>', // file://
    '<p><img src="assets/logo.svg"></p>', // axe image-alt + vnu "img must have alt"
    '<script src="https://cdn.example.com/x.js"></script>', // external
    '</main>'].join('\n')));
  // orphans: a page nothing links to
  fs.copyFileSync(path.join(dir, 'about/index.html'), path.join(dir, 'about/old.html'));
  // budgets: ~190 kB (gzip) of incompressible hex on one page
  let noise = '';
  for (let h = 'seed'; noise.length < 380000;) noise += h = crypto.createHash('sha256').update(h).digest('hex');
  edit('projects/index.html', (h) => h.replace('</main>', `<p>${noise}</p></main>`));
  // budgets: main content that only JavaScript writes (the zh department page)
  edit('departments/development/index.html', (h) => h.replace(/<main id="main">[\s\S]*<\/main>/,
    '<main id="main"><script>document.currentScript.after("JS only")</script></main>'));
  // ux: a caption-less table with unscoped th, a nameless svg and a wide box on the en indicators page
  edit('en/indicators/index.html', (h) => h.replace('</main>',
    '<table><tr><th>A</th><td>1</td></tr></table><svg width="10" height="10"></svg><div style="width:900px">wide</div></main>'));
  // ux: small paragraph text on the zh indicators page
  edit('indicators/index.html', (h) => h.replace('<p>', '<p style="font-size:12px">'));
  // ux: no skip link, no focus indicator and no language switch on the en department page
  edit('en/departments/development/index.html', (h) => h
    .replace(/<a class="skip"[^>]*>[^<]*<\/a>/, '')
    .replace('</head>', '<style>a:focus,a:focus-visible{outline:none}</style></head>')
    .replace(/<li><a href="[^"]*" hreflang="zh"[^>]*>[^<]*<\/a><\/li>/, ''));
  // ux: a nav link that Tab skips (en home)
  edit('en/index.html', (h) => h.replace(/(<a href="[^"]*about\/index.html")/, '$1 tabindex="-1"'));
  // screenshots (and ux): a representative page that does not exist
  fs.rmSync(path.join(dir, 'en/chapters/03'), { recursive: true });
}
