// The action types that are rendered, and which of them are popups (at most one per page view).
// Kept apart from the renderers so the first load can arm triggers before the renderers arrive.

/** Action types that are popups: the page shows one at most. */
export const POPUP_TYPES = new Set(['modal', 'slideIn', 'emailCapture', 'couponReveal', 'bundleOffer']);

/** Action types the page shows (boostTiles, for one, only weighs the ranking). */
export const RENDERED_TYPES = new Set([...POPUP_TYPES, 'banner', 'slot']);
