// Browser-test helper: the demo shop's pages as a shop might serve them differently: the SDK's
// script tag written another way (another build, data-wasm, a second copy), or other headers (CSP).

const SDK_TAG = /<script src="\/shopkeeper\/shopkeeper\.js"/;

/**
 * Every page from `base` with the opening of the SDK's script tag passed through `tag`,
 * and `headers` added to the response.
 */
export async function rewritePages(page, base, { tag = (t) => t, headers = {} } = {}) {
  await page.route((url) => url.origin === base && !url.pathname.includes('.'), async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace(SDK_TAG, (t) => tag(t));
    await route.fulfill({ response, body, headers: { ...response.headers(), ...headers } });
  });
}
