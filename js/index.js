// The npm entry: createShopkeeper for pages and headless use, loadEngine for tools.

export { createShopkeeper, Shopkeeper } from './shopkeeper.js';
export { loadEngine, Engine } from './engine.js';
export { REASONS as rankReasons } from './ranking.js';
export { memoryStorage } from './storage.js';
export { shopTime } from './shop-time.js';
