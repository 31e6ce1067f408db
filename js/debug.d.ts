// Types of `shopkeeper/debug`: the debug overlay for pages that use the npm package.

import type { DecideResult } from './index.js';

/** The overlay on the page. */
export interface DebugOverlay {
  /** Shows another decision (it also follows every `shopkeeper:decided` event by itself). */
  update(result: DecideResult | null): void;
  /** Removes the overlay. */
  close(): void;
}

/**
 * Opens the debug overlay on `result` (what decide() returned): the context, the campaigns shown
 * and not shown with their reasons, and tile ranking reasons when there are any.
 */
export declare function openDebugOverlay(
  result: DecideResult | null,
  options?: { onClose?: () => void; doc?: Document },
): DebugOverlay;
