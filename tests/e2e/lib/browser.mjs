// Launch Debian's Chromium through playwright-core (no browser download needed).
import fs from 'node:fs';
import { chromium } from 'playwright-core';

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
  '--hide-scrollbars', '--font-render-hinting=none',
];

/** The Chromium executable: $CHROMIUM, else Debian's /usr/bin/chromium. */
export function chromiumPath() {
  for (const p of [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (p && fs.existsSync(p)) return p;
  }
  throw new Error('no Chromium found (install it with scripts/install-test-deps.sh or set CHROMIUM)');
}

export async function launchBrowser() {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, timeout: 60000 });
}
