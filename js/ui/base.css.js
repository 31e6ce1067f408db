// Styles every renderer shares (type, buttons, focus, motion), inside its shadow root.

export const BASE_CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
.frame { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d232a; }
h2 { margin: 0 2rem .5rem 0; font-size: 1.3rem; line-height: 1.25; }
p { margin: 0 0 1rem; }
.actions { display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; }
.cta { display: inline-block; padding: .6rem 1.1rem; border: 0; border-radius: 8px; background: #1f5c3a; color: #fff;
  text-decoration: none; font: inherit; font-weight: 600; cursor: pointer; }
.secondary { padding: .55rem .9rem; border: 1px solid #6b7680; border-radius: 8px; background: #fff; color: #1d232a;
  font: inherit; cursor: pointer; }
.close { position: absolute; top: .5rem; right: .5rem; width: 2.75rem; height: 2.75rem; border: 0; border-radius: 50%;
  background: transparent; color: #1d232a; font: 1.5rem/1 system-ui, sans-serif; cursor: pointer; }
.close:hover, .secondary:hover { background: #eef1f3; }
:focus-visible { outline: 3px solid #b36b00; outline-offset: 2px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (prefers-reduced-motion: reduce) { * { animation: none !important; transition: none !important; } }
`;
