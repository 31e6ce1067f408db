// Browser-test harness: the demo server on a free loopback port and Debian's Chromium
// driven by playwright-core (never a downloaded browser).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { createDemoServer } from '../../demo_site/server.js';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

/** Debian's Chromium, headless, as every browser test runs it. */
export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

/**
 * The same Chromium with a browser profile kept in `userDataDir`: a context with a disk cache and
 * V8's code cache, which the contexts of launchChromium() (incognito) do not keep.
 */
export function launchPersistentChromium(userDataDir) {
  return chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, args: ARGS, headless: true });
}

/**
 * Starts the demo server (its database in a temporary folder) and a browser; call close() when
 * done. `server.demo` holds the database and the collector (see demo_site/server.js). The grid
 * waits up to 5 s for its order unless `gridTimeout` says otherwise: on a busy test machine the
 * engine can take longer than the 300 ms default, and only the time-out test wants that.
 */
export async function startShop(serverOptions = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'shopkeeper-e2e-'));
  const server = createDemoServer({ db: join(dataDir, 'shop.duckdb'), gridTimeout: 5000, ...serverOptions });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await launchChromium();
  return {
    base,
    browser,
    server,
    /** A fresh browser context (its own localStorage) with a page that records console problems. */
    async newPage(contextOptions = {}) {
      const context = await browser.newContext(contextOptions);
      // Installed before any page script runs, so no SDK event can be missed.
      await context.addInitScript(() => {
        window.__shopkeeperOutcome = new Promise((resolve) => {
          document.addEventListener('shopkeeper:decided', (e) => resolve({ ok: true, detail: e.detail }), { once: true });
          document.addEventListener('shopkeeper:failed', (e) => resolve({ ok: false, detail: e.detail }), { once: true });
        });
      });
      const page = await context.newPage();
      page.problems = [];
      page.on('pageerror', (error) => page.problems.push(`pageerror: ${error.message}`));
      page.on('console', (msg) => {
        if (msg.type() === 'error') page.problems.push(`console.error: ${msg.text()}`);
      });
      return page;
    },
    async close() {
      await browser.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await server.demo.db.close().catch(() => {});
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Loads `url` and waits until the SDK has decided (or failed): { ok, detail }.
 * `referer` is sent as a link click would send it.
 */
export async function visit(page, url, { referer } = {}) {
  await page.goto(url, referer ? { referer } : undefined);
  return page.evaluate(() => window.__shopkeeperOutcome);
}

/** Polls `check` until it returns a truthy value (and returns it); fails after `timeout` ms with `what`. */
export async function waitFor(what, check, timeout = 90000) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
