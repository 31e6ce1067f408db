// The popup's styles, applied inside its shadow root so the shop's CSS and ours
// cannot collide. Adopted as a constructed stylesheet, which strict CSPs allow.

export const POPUP_CSS = `
:host { all: initial; }
dialog {
  box-sizing: border-box; width: min(28rem, calc(100vw - 2rem)); max-height: calc(100vh - 2rem); overflow: auto;
  padding: 1.5rem 1.5rem 1.25rem; border: 0; border-radius: 12px; background: #fff; color: #1d232a;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; box-shadow: 0 12px 40px rgb(0 0 0 / .25);
}
dialog::backdrop { background: rgb(15 20 25 / .55); }
h2 { margin: 0 2rem .5rem 0; font-size: 1.35rem; line-height: 1.25; }
p { margin: 0 0 1.25rem; }
.actions { display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; }
.cta { display: inline-block; padding: .65rem 1.1rem; border-radius: 8px; background: #1f5c3a; color: #fff;
  text-decoration: none; font-weight: 600; }
.secondary { padding: .6rem .9rem; border: 1px solid #b8c0c8; border-radius: 8px; background: #fff; color: #1d232a; font: inherit; cursor: pointer; }
.close { position: absolute; top: .6rem; right: .6rem; width: 2.5rem; height: 2.5rem; border: 0; border-radius: 50%;
  background: transparent; color: #1d232a; font-size: 1.5rem; line-height: 1; cursor: pointer; }
.close:hover, .secondary:hover { background: #eef1f3; }
:focus-visible { outline: 3px solid #e0a526; outline-offset: 2px; }
@media (prefers-reduced-motion: no-preference) {
  dialog[open] { animation: sk-in .18s ease-out; }
  @keyframes sk-in { from { opacity: 0; transform: translateY(8px); } to { opacity: 1; transform: none; } }
}
`;
