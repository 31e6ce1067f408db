// A consumer as a Vite or webpack project type-checks it (moduleResolution "bundler").
import { createShopkeeper, type DecideResult } from 'shopkeeper';

export async function decide(): Promise<DecideResult> {
  const shopkeeper = await createShopkeeper({ rules: '/rules.json', endpoint: '/v1/batch' });
  return shopkeeper.decide();
}
