#!/usr/bin/env node
// Test of the suite itself: run.mjs must pass on the clean fixture site and fail every
// check on the broken one (see fixture.mjs for the planted faults).
//
//   node tests/e2e/selftest.mjs
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { breakFixture, makeFixture } from './fixture.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plansite-e2e-selftest-'));

/** Run the suite on `dir`; returns exit code, the summary counts and each check's PASS/FAIL. */
function runSuite(dir) {
  const r = spawnSync(process.execPath, [path.join(HERE, 'run.mjs'), dir], {
    encoding: 'utf8',
    env: { ...process.env, E2E_ONLY: '', E2E_SCREENSHOTS: path.join(tmp, 'shots') },
    maxBuffer: 64 * 1024 * 1024,
  });
  const summary = /^e2e: (pages=.*)$/m.exec(r.stdout)?.[1] ?? '';
  const counts = Object.fromEntries(summary.split(' ').filter(Boolean).map((kv) => kv.split('=')).map(([k, v]) => [k, Number(v)]));
  const checks = Object.fromEntries([...r.stdout.matchAll(/^== (\w+): (PASS|FAIL)/gm)].map((m) => [m[1], m[2]]));
  return { code: r.status, counts, checks, out: r.stdout + r.stderr };
}

const results = [];
const expect = (name, ok, detail = '') => {
  results.push(ok);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok ? '' : `  ${detail}`}`);
};

try {
  const good = path.join(tmp, 'good');
  makeFixture(good);
  const g = runSuite(good);
  expect('clean fixture: exit 0', g.code === 0, `exit ${g.code}\n${g.out}`);
  expect('clean fixture: 10 checks pass', Object.values(g.checks).filter((c) => c === 'PASS').length === 10, JSON.stringify(g.checks));

  const bad = path.join(tmp, 'broken');
  makeFixture(bad);
  breakFixture(bad);
  const b = runSuite(bad);
  expect('broken fixture: exit 1', b.code === 1, `exit ${b.code}`);
  for (const c of ['crawl', 'anchors', 'orphans', 'external', 'file', 'axe', 'ux', 'budgets', 'screenshots', 'vnu']) {
    expect(`broken fixture: ${c} fails`, b.checks[c] === 'FAIL', `${c}=${b.checks[c]}`);
  }
  // The exact faults planted by breakFixture.
  const want = {
    broken_links: 2, missing_anchors: 1, orphans: 1, external_refs: 1, axe_violations: 1,
    vnu_errors: 1, file_failures: 4, budget_failures: 2, ux_failures: 11,
  };
  for (const [k, v] of Object.entries(want)) expect(`broken fixture: ${k}=${v}`, b.counts[k] === v, `got ${b.counts[k]}`);
  if (results.includes(false)) console.log(b.out);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
const failed = results.filter((r) => !r).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
