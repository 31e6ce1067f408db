// Single-page apps: a route change (history.pushState/replaceState, or back/forward) is a new
// page view. The history methods are wrapped, not replaced, and unwrapped on stop() when no one
// wrapped them after us.

/** The part of a URL that names a route: without the fragment, unless the fragment is a route (#/ or #!). */
export function routeOf(href) {
  const hash = href.indexOf('#');
  if (hash < 0) return href;
  const fragment = href.slice(hash + 1);
  return fragment.startsWith('/') || fragment.startsWith('!') ? href : href.slice(0, hash);
}

/**
 * Calls `onChange(url, previousUrl)` after each change of route, once the app had a chance to
 * render the new page (a task later). `since` is the URL of the page already seen (default: the
 * current one); when the route has changed since, that is reported at once. Returns stop().
 */
export function watchRouteChanges(onChange, { win = window, since = win.location.href } = {}) {
  const history = win.history;
  let current = since;
  let stopped = false;
  const check = () => {
    win.setTimeout(() => {
      const next = win.location.href;
      if (stopped || routeOf(next) === routeOf(current)) return;
      const previous = current;
      current = next;
      onChange(next, previous);
    }, 0);
  };
  const originals = {};
  const wrappers = {};
  for (const name of ['pushState', 'replaceState']) {
    const original = history[name];
    originals[name] = original;
    wrappers[name] = function wrapped(...args) {
      const result = original.apply(this, args);
      check();
      return result;
    };
    history[name] = wrappers[name];
  }
  win.addEventListener('popstate', check);
  win.addEventListener('hashchange', check);
  if (routeOf(since) !== routeOf(win.location.href)) check();
  return function stop() {
    stopped = true;
    win.removeEventListener('popstate', check);
    win.removeEventListener('hashchange', check);
    for (const name of Object.keys(originals)) {
      if (history[name] === wrappers[name]) history[name] = originals[name];
    }
  };
}
