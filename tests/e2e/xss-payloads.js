// Classic XSS payloads for the hostile-input browser tests. Each one that runs calls
// window.__pwned(n) (installed by watchForScripts), so a test proves that none ran by
// finding window.__xssRan empty; n tells which payload it was.

export const XSS_PAYLOADS = [
  '<script>__pwned(1)</script>',
  '"><script>__pwned(2)</script>',
  "'><script>__pwned(3)</script>",
  '</script><script>__pwned(4)</script>',
  '<img src=x onerror=__pwned(5)>',
  '<img src="x" onerror="__pwned(6)">',
  '<IMG SRC=x OnErRoR=__pwned(7)>',
  '<img src=x:x onerror=&#95;&#95;pwned(8)>',
  '<svg onload=__pwned(9)>',
  '<svg/onload=__pwned(10)>',
  '<svg><script>__pwned(11)</script></svg>',
  '<svg><animate onbegin=__pwned(12) attributeName=x dur=1s>',
  '<body onload=__pwned(13)>',
  '<iframe src="javascript:parent.__pwned(14)"></iframe>',
  '<iframe srcdoc="<script>parent.__pwned(15)</script>"></iframe>',
  '<a href="javascript:__pwned(16)">click</a>',
  'javascript:__pwned(17)',
  'JaVaScRiPt:__pwned(18)',
  ' javascript:__pwned(19)//',
  'data:text/html,<script>parent.__pwned(20)</script>',
  '<details open ontoggle=__pwned(21)>',
  '<input autofocus onfocus=__pwned(22)>',
  '<video><source onerror=__pwned(23)></video>',
  '<audio src=x onerror=__pwned(24)>',
  '<object data="javascript:__pwned(25)"></object>',
  '<embed src="javascript:__pwned(26)">',
  '<marquee onstart=__pwned(27)>x</marquee>',
  '<math><mtext><table><mglyph><style><img src=x onerror=__pwned(28)>',
  '<noscript><p title="</noscript><img src=x onerror=__pwned(29)>">',
  '<!--<img src="--><img src=x onerror=__pwned(30)//">',
  '<scr<script>ipt>__pwned(31)</scr</script>ipt>',
  '&lt;script&gt;__pwned(32)&lt;/script&gt;',
  '&#60;img src=x onerror=__pwned(33)&#62;',
  '%3Cscript%3E__pwned(34)%3C%2Fscript%3E',
  '%253Cimg%2520src%253Dx%2520onerror%253D__pwned(35)%253E',
  '\\u003cimg src=x onerror=__pwned(36)\\u003e',
  '<img src=x onerror=\\u005f_pwned(37)>',
  '{{constructor.constructor("__pwned(38)")()}}',
  '${__pwned(39)}',
  '";__pwned(40);//',
  "';__pwned(41);//",
  '<style>@import "javascript:__pwned(42)";</style>',
  '<form><button formaction=javascript:__pwned(43)>go</button></form>',
  '<div style="background:url(javascript:__pwned(44))">',
  '<x onclick=__pwned(45) contenteditable>click me</x>',
];

/** Installs window.__pwned before any page script runs; call before the first navigation. */
export async function watchForScripts(page) {
  await page.addInitScript(() => {
    window.__xssRan = [];
    window.__pwned = (n) => window.__xssRan.push(n);
  });
}

/** The payloads that ran on the page, and elements or attributes they could only have added as HTML. */
export function injected(page) {
  return page.evaluate(() => {
    const hostile = 'iframe, object, embed, svg, math, marquee, video, audio, details, x, img[src="x"], img[src="x:x"], ' +
      '[onerror], [onload], [onfocus], [ontoggle], [onstart], [onclick], [onbegin], [formaction]';
    const roots = [document, ...[...document.querySelectorAll('*')].filter((e) => e.shadowRoot).map((e) => e.shadowRoot)];
    return { ran: window.__xssRan, elements: roots.flatMap((r) => [...r.querySelectorAll(hostile)].map((e) => e.outerHTML)) };
  });
}
