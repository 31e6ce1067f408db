// Styles of the debug overlay (a constructed stylesheet in its shadow root).

export const OVERLAY_CSS = `
:host { all: initial; }
.panel { position: fixed; z-index: 2147483646; left: 12px; bottom: 12px; width: min(640px, calc(100vw - 24px));
  max-height: min(70vh, 640px); overflow: auto; box-sizing: border-box; padding: 12px 16px;
  background: #fff; color: #1b1b1b; border: 1px solid #888; border-radius: 8px; box-shadow: 0 6px 24px rgba(0,0,0,.25);
  font: 13px/1.4 system-ui, sans-serif; }
header { display: flex; justify-content: space-between; align-items: center; gap: 12px; }
h2 { font-size: 15px; margin: 0; }
h3 { font-size: 13px; margin: 12px 0 4px; }
button { font: inherit; padding: 4px 10px; border: 1px solid #555; border-radius: 4px; background: #f3f3f3; color: inherit; cursor: pointer; }
button:focus-visible { outline: 2px solid #0b57d0; outline-offset: 2px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 8px 0 0; }
dt { font-weight: 600; }
dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 3px 6px; border-bottom: 1px solid #ddd; overflow-wrap: anywhere; }
.empty { color: #555; margin: 4px 0; }
.error { color: #a00; }
`;
