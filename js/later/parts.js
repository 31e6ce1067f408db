// What a page needs only after its first decision: sending the event queue (batches, beacons and
// keepalive requests, backoff, one tab at a time), watching a single-page app's route changes,
// asking the browser for the visitor's position, and readying the engine for the next page. The
// script-tag build fetches this as dist/shopkeeper.later.js once the first decision is made
// (load-remote.js); the other builds bundle it (load.js).

export { createGeolocation } from '../geolocation.js';
export { routeOf, watchRouteChanges } from '../route-changes.js';
export { createFlusher } from '../sync/flusher.js';
export { createTabLock } from '../sync/tab-lock.js';
export { httpTransport } from '../sync/transport.js';
export { scheduleWarmUp } from '../warm-up.js';
