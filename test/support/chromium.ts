import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium (`npm run test:deps` installs it; `npx playwright install` cannot download here), headless,
 * with the background traffic it would start on its own (updates, sync, QUIC probes) turned off: the browser
 * tests only ever talk to loopback.
 */
const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}
