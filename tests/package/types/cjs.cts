// A TypeScript CommonJS consumer (compiled with tsc, never run).
import shopkeeper = require('shopkeeper');

const created: Promise<shopkeeper.Shopkeeper> = shopkeeper.createShopkeeper({ rules: '{"version":1,"campaigns":[]}' });
void created;
// @ts-expect-error rules are an object, JSON text or a URL
void shopkeeper.createShopkeeper({ rules: 5 });
const storage: shopkeeper.StorageLike = shopkeeper.memoryStorage();
storage.setItem('k', 'v');
