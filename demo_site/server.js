// The demo shop's server: pages, static files, the built SDK and the rules, plus the shop's
// backend: the event collector, coupons and the context feed, over an embedded DuckDB.
// Usage: node demo_site/server.js [--port 8080] [--host 127.0.0.1] [--db demo_site/data/shop.duckdb]
//        [--rules /rules/demo-shop.json]

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCollector } from './collector.js';
import { createContextFeed } from './context-feed.js';
import { createCoupons } from './coupons.js';
import { openDatabase } from './db.js';
import { geoHint } from './geo-hint.js';
import { sendJson } from './http-util.js';
import { allProductsPage, cartPage, categoryPage, homePage, notFoundPage, productPage } from './pages.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm', '.svg': 'image/svg+xml',
};

// URL prefix -> folder. Only files under these folders are ever served.
const STATIC = [
  ['/shopkeeper/', join(root, 'dist')],
  ['/rules/', join(root, 'rules')],
  ['/', join(here, 'public')],
];

async function serveFile(req, res, prefix, folder, pathname) {
  const relative = normalize(decodeURIComponent(pathname.slice(prefix.length)));
  const file = join(folder, relative);
  if (!file.startsWith(folder + sep) || relative.startsWith('..')) return false;
  let body;
  try {
    body = await readFile(file);
  } catch {
    return false;
  }
  // The SDK is fresh for 5 minutes: V8 keeps the compiled engine with the cached .wasm only while
  // the response is used as cached, and a revalidated one (no-cache, even answered 304) loses it.
  // Everything else is revalidated on each use; an unchanged file answers 304.
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
  const headers = { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream', ETag: etag,
    'Cache-Control': prefix === '/shopkeeper/' ? 'max-age=300' : 'no-cache' };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return true;
  }
  res.writeHead(200, headers);
  res.end(body);
  return true;
}

/**
 * The Content-Security-Policy every page of the demo is served with: the minimum a shop that
 * runs Shopkeeper needs (external scripts only; 'wasm-unsafe-eval' to compile the engine).
 */
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";

/**
 * settings.refParam of the rules the pages load (the parameter of referral links), when this
 * server serves them; else the engine's default.
 */
function refParamOf(rules) {
  if (!rules.startsWith('/rules/')) return 'ref';
  try {
    return JSON.parse(readFileSync(join(root, rules), 'utf8')).settings?.refParam ?? 'ref';
  } catch {
    return 'ref'; // the pages report rules that cannot be loaded
  }
}

/**
 * Creates the demo server (not yet listening). Options: `rules` (the rules URL the pages load),
 * `consent` (the pages' data-consent), `geolocation` (their data-geolocation: "true" or "manual"), `warmUp`
 * (false: their data-warm-up="false"), `db` (the database file), `couponSecret` (the HMAC key of coupon
 * codes), `csp` (the pages' Content-Security-Policy, STRICT_CSP unless given; null for none), `catalog` (the products, instead of catalog.json). The server's
 * `demo` property holds the `db` and the `collector` (tests switch its `available` off for an outage);
 * closing the server closes the database.
 */
export function createDemoServer({ rules = '/rules/welcome.json', consent = 'granted', geolocation = '', gridTimeout, warmUp,
  db: dbPath = join(here, 'data', 'shop.duckdb'), couponSecret = process.env.COUPON_SECRET || randomBytes(32).toString('hex'),
  csp = STRICT_CSP, catalog = JSON.parse(readFileSync(join(here, 'catalog.json'), 'utf8')) } = {}) {
  const shopSdk = { rules, consent, geolocation, gridTimeout, warmUp, endpoint: '/v1/batch', context: '/v1/context?visitor={visitorId}' };
  const db = openDatabase(dbPath);
  const collector = createCollector(db);
  const refParam = refParamOf(rules);
  const coupons = createCoupons(db, couponSecret, refParam);
  const api = {
    'POST /v1/batch': collector.handle,
    'POST /v1/coupons': coupons.mint,
    'POST /v1/coupons/redeem': coupons.redeem,
    'GET /v1/context': createContextFeed(db, join(here, 'weather.json'), refParam),
  };
  const html = (res, status, body) => {
    res.writeHead(status, { 'Content-Type': TYPES['.html'], 'Cache-Control': 'no-cache', ...(csp ? { 'Content-Security-Policy': csp } : {}) });
    res.end(body);
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url || '/', 'http://localhost');
    const route = api[`${req.method} ${url.pathname}`];
    if (route) {
      return route(req, res, url).catch((error) => {
        console.error(`[demo] ${req.method} ${url.pathname} failed:`, error);
        if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
        else res.end();
      });
    }
    const allowed = Object.keys(api).filter((key) => key.endsWith(` ${url.pathname}`)).map((key) => key.split(' ')[0]);
    if (allowed.length) {
      res.writeHead(405, { Allow: allowed.join(', ') });
      return res.end();
    }
    try {
      const path = url.pathname;
      const sdk = { ...shopSdk, location: geoHint(req.headers) };
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' });
        return res.end();
      }
      if (path === '/') return html(res, 200, homePage(catalog, sdk));
      if (path === '/cart' || path === '/checkout') return html(res, 200, cartPage(catalog, sdk, path.slice(1)));
      if (path === '/category/all') return html(res, 200, allProductsPage(catalog, sdk));
      const category = path.startsWith('/category/') && catalog.categories.find((c) => `/category/${c.slug}` === path);
      if (category) return html(res, 200, categoryPage(catalog, category, sdk));
      const product = path.startsWith('/product/') && catalog.products.find((p) => `/product/${p.id}` === path);
      if (product) return html(res, 200, productPage(catalog, product, sdk));
      if (path === '/catalog.json') {
        res.writeHead(200, { 'Content-Type': TYPES['.json'] });
        return res.end(JSON.stringify(catalog));
      }
      const file = path === '/favicon.ico' ? '/favicon.svg' : path; // browsers ask for it on any page
      for (const [prefix, folder] of STATIC) {
        if (file.startsWith(prefix) && (await serveFile(req, res, prefix, folder, file))) return;
      }
      html(res, 404, notFoundPage(catalog, sdk));
    } catch (error) {
      res.writeHead(400, { 'Content-Type': 'text/plain' });
      res.end('bad request');
    }
  });
  server.demo = { db, collector };
  server.on('close', () => db.close().catch(() => {}));
  return server;
}

function argument(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const port = Number(argument('port', process.env.PORT || 8080));
  const host = argument('host', process.env.HOST || '127.0.0.1');
  const db = argument('db', process.env.DEMO_DB);
  const rules = argument('rules', '/rules/demo-shop.json');
  createDemoServer(db ? { db, rules } : { rules }).listen(port, host, () => {
    console.log(`Demo shop: http://${host}:${port}/`);
  });
}
