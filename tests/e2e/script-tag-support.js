// Browser-test helper: the demo shop's pages with the SDK's script tag rewritten, as a shop
// would write it differently (another build, data-wasm, a second copy).

const SDK_TAG = /<script src="\/shopkeeper\/shopkeeper\.js"/;

/** Passes the opening of the SDK's script tag in every page from `base` through `rewrite`. */
export async function rewriteSdkTag(page, base, rewrite) {
  await page.route((url) => url.origin === base && !url.pathname.includes('.'), async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace(SDK_TAG, (tag) => rewrite(tag));
    await route.fulfill({ response, body });
  });
}
