// Bundles the JS layer with the Emscripten glue into dist/:
//   shopkeeper.js  script tag (IIFE), index.cjs node/CommonJS, index.mjs bundlers (ESM),
//   shopkeeper.wasm copied from the release wasm build.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
mkdirSync(dist, { recursive: true });

// The glue's node branch requires these; in browsers that branch never runs.
const nodeBuiltins = ['fs', 'path', 'crypto'];
const common = { bundle: true, logLevel: 'warning', legalComments: 'none', external: nodeBuiltins, target: 'es2020' };

await Promise.all([
  build({ ...common, entryPoints: [join(root, 'js/auto.js')], outfile: join(dist, 'shopkeeper.js'),
          format: 'iife', platform: 'browser', minify: true }),
  build({ ...common, entryPoints: [join(root, 'js/index.js')], outfile: join(dist, 'index.cjs'),
          format: 'cjs', platform: 'node' }),
  build({ ...common, entryPoints: [join(root, 'js/index.js')], outfile: join(dist, 'index.mjs'),
          format: 'esm', platform: 'browser' }),
]);
copyFileSync(join(root, 'build/wasm/dist/shopkeeper.wasm'), join(dist, 'shopkeeper.wasm'));
