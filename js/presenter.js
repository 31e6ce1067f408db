// The page's presenter (ui/presenter.js: triggers, popups, banners, slots) comes with the
// renderers, loaded the first time a decision has something to show. This stands in for it:
// until then nothing is loaded, and while it loads its calls wait, in order.

import { RENDERED_TYPES } from './ui/kinds.js';
import { loadPresenter } from './ui/load.js';

const shows = (decisions) => Array.isArray(decisions) && decisions.some((d) => d && d.action && RENDERED_TYPES.has(d.action.type));

/** A presenter with ui/presenter.js's methods; `deps` are what it is created with. */
export function createPresenter(deps) {
  let presenter = null;
  let waiting = null; // the calls made while it loads: [name, decisions]; null before it is needed
  let failed = false;

  function call(name, decisions) {
    if (presenter) return presenter[name](decisions);
    if (failed) return undefined;
    if (!waiting) {
      if (!shows(decisions)) return undefined; // nothing shown so far, nothing to show now
      waiting = [];
      loadPresenter().then((ui) => {
        presenter = ui.createPresenter(deps);
        for (const [n, d] of waiting.splice(0)) presenter[n](d);
      }, (error) => {
        failed = true;
        waiting.length = 0;
        deps.warn('render_failed', error); // the page stays as the shop built it
      });
    }
    waiting.push([name, decisions]);
    return undefined;
  }

  return {
    /** A new page view (the first, or a route change): its decisions replace what was still waiting. */
    pageView: (decisions) => call('pageView', decisions),
    /** Decisions that came back from track() (productAdded, productRemoved, custom events). */
    events: (decisions) => call('events', decisions),
    /** Removes everything shown and stops every trigger. */
    clear: () => call('clear'),
  };
}
