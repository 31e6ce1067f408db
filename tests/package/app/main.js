// A shop's own app, built by Vite, that uses the package as users install it.
import { createShopkeeper } from 'shopkeeper';
import rules from './rules.json';

createShopkeeper({ rules }).then((shopkeeper) => {
  const result = shopkeeper.decide();
  document.getElementById('result').textContent = JSON.stringify({ ok: result.ok, shown: result.decisions.map((d) => d.campaign) });
});
