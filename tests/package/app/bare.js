// Imports without using: with "sideEffects" declared, the bundler leaves the package out.
import { createShopkeeper } from 'shopkeeper';

document.body.dataset.bare = 'ready';
