// Referral links as the engine reads them (src/core/acquisition.cpp, ref_code), so the backend
// credits and rewards exactly the arrivals the engine shows the newcomer's offer to.

const REF_CODE = /^[A-Za-z0-9_-]{1,64}$/;
// The engine trims ASCII controls and spaces, and compares names in ASCII case only.
const BLANK_ENDS = /^[\x00-\x20\x7f]+|[\x00-\x20\x7f]+$/g;
const asciiLowercase = (s) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/**
 * The referral code a page URL carries: the first parameter named `param` in any case (?REF=),
 * its value trimmed, when that is 1 to 64 letters, digits, `-` or `_`; else null.
 */
export function refCodeOf(url, param) {
  let params;
  try {
    params = new URL(url).searchParams;
  } catch {
    return null; // a page message without an absolute URL names no referrer
  }
  const name = asciiLowercase(param);
  for (const [key, value] of params) {
    if (asciiLowercase(key) !== name) continue;
    const code = value.replace(BLANK_ENDS, '');
    return REF_CODE.test(code) ? code : null;
  }
  return null;
}
