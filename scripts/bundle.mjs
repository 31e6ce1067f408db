// Bundles the JS layer with the Emscripten glue into dist/:
//   shopkeeper.js         script tag (IIFE); fetches shopkeeper.wasm next to itself, and the rest after the first decision:
//   shopkeeper.later.js   sending events, route changes, geolocation (ES module), fetched once the first decision is made
//   shopkeeper.single.js  script tag with the wasm inlined (gzip + base64): one file to host
//   shopkeeper.debug.js   the debug overlay (ES module), loaded only when asked for
//   shopkeeper.ui.js      the presenter: triggers and the renderers of popups, banners and slots (ES module), loaded when there is one to show
//   index.mjs             bundlers (ESM), index.cjs node (CommonJS), index.d.cts their types
//   shopkeeper.wasm       copied from the release wasm build
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
mkdirSync(dist, { recursive: true });
const wasm = join(root, 'build/wasm/dist/shopkeeper.wasm');

/** An esbuild plugin: every import of js/`original` gets js/`replacement` instead (except the replacement's own). */
const substitute = (original, replacement) => ({
  name: 'substitute',
  setup(b) {
    const from = join(root, 'js', original);
    const to = join(root, 'js', replacement);
    b.onResolve({ filter: /^\./ }, (args) => (args.importer !== to && join(args.resolveDir, args.path) === from ? { path: to } : undefined));
  },
});

// The glue's node branch requires these; in browsers that branch never runs.
const nodeBuiltins = ['fs', 'path', 'crypto'];
const common = {
  bundle: true, logLevel: 'warning', legalComments: 'none', external: nodeBuiltins, target: 'es2020',
  define: { __SHOPKEEPER_INLINE_WASM__: '""' },
};
// The npm builds import the presenter and its renderers by the package's name: the shop's bundler splits them off.
const packaged = { ...common, external: [...nodeBuiltins, 'shopkeeper/shopkeeper.ui.js'] };
const renderersByName = substitute('ui/load.js', 'ui/load-package.js');
// A script tag runs in a page: the glue's branches for node and for workers cannot run there and go.
// Its syntax is ES2017 plus import() (which loads the later parts): Safari 11.1, Chrome 63 and Firefox 67
// parse it. With ES2020's ?. and ??, an old iPhone's Safari 12 or 13 would log a SyntaxError instead of the
// one warning the SDK gives where it cannot run.
// Chrome's explicit compile hint (136+): V8 compiles every function of the script as it loads it.
// A page view calls most of them, and compiling each on its first call, after a pre-parse, cost the
// work after the engine is ready ~5 ms of the first page (V8 trace events, Chromium 156).
const script = { ...common, target: 'es2017', entryPoints: [join(root, 'js/auto.js')], format: 'iife', platform: 'browser', minify: true,
  define: { ...common.define, process: 'undefined', importScripts: 'undefined' }, banner: { js: '//# allFunctionsCalledOnLoad' } };
const inlineWasm = JSON.stringify(gzipSync(readFileSync(wasm), { level: 9 }).toString('base64'));

await Promise.all([
  build({ ...script, outfile: join(dist, 'shopkeeper.js'),
          plugins: [substitute('debug/load.js', 'debug/load-remote.js'), substitute('ui/load.js', 'ui/load-remote.js'),
            substitute('later/load.js', 'later/load-remote.js')] }),
  build({ ...script, outfile: join(dist, 'shopkeeper.single.js'), define: { ...script.define, __SHOPKEEPER_INLINE_WASM__: inlineWasm } }),
  build({ ...common, entryPoints: [join(root, 'js/debug/overlay.js')], outfile: join(dist, 'shopkeeper.debug.js'),
          format: 'esm', platform: 'browser', minify: true }),
  build({ ...common, entryPoints: [join(root, 'js/ui/presenter.js')], outfile: join(dist, 'shopkeeper.ui.js'),
          format: 'esm', platform: 'browser', minify: true }),
  build({ ...common, entryPoints: [join(root, 'js/later/parts.js')], outfile: join(dist, 'shopkeeper.later.js'),
          format: 'esm', platform: 'browser', minify: true }),
  build({ ...packaged, entryPoints: [join(root, 'js/index.js')], outfile: join(dist, 'index.cjs'),
          format: 'cjs', platform: 'node', plugins: [renderersByName] }),
  build({ ...packaged, entryPoints: [join(root, 'js/index.js')], outfile: join(dist, 'index.mjs'),
          format: 'esm', platform: 'browser', plugins: [renderersByName, substitute('../build/wasm/dist/shopkeeper.js', 'wasm-module.esm.js')] }),
]);
copyFileSync(wasm, join(dist, 'shopkeeper.wasm'));
// The same declarations serve CommonJS consumers (TypeScript reads .d.ts as ESM in a "type": "module" package).
copyFileSync(join(root, 'js/index.d.ts'), join(dist, 'index.d.cts'));
