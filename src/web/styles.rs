//! The stylesheet of the shadow root (sidebar and tooltip). The palette itself lives in
//! extension/quotelens.css as custom properties on `quotelens-root`, inherited into the shadow
//! tree, so highlights and swatches cannot drift apart.

use crate::present::{LINE_STYLES, STYLE_SLOTS};

const BASE: &str = r#"
:host {
  all: initial !important;
  display: block !important;
  position: fixed !important;
  top: 0 !important;
  right: 0 !important;
  width: 0 !important;
  height: 0 !important;
  z-index: 2147483647 !important;
}
:host(.embedded) {
  position: relative !important;
  width: auto !important;
  height: auto !important;
  z-index: auto !important;
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
#sidebar {
  position: fixed; top: 0; right: 0; bottom: 0;
  /* The width the page leaves it (extension/quotelens.css). */
  width: var(--quotelens-panel-width, min(380px, 92vw));
  display: flex; flex-direction: column;
  background: #fdfdfc; color: #1c1c1c;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  border-left: 1px solid #c9c9c9;
  box-shadow: -4px 0 18px rgba(0, 0, 0, 0.18);
  text-align: left;
}
:host(.embedded) #sidebar { position: static; width: auto; max-height: 80vh; box-shadow: none; border: 1px solid #c9c9c9; }
header { display: flex; align-items: center; gap: 8px; padding: 10px 12px; border-bottom: 1px solid #e0e0e0; }
h2 { flex: 1; margin: 0; font-size: 16px; font-weight: 650; }
button {
  font: inherit; color: inherit; background: none; border: 1px solid transparent;
  border-radius: 4px; cursor: pointer; text-align: left; padding: 2px 6px;
}
button:hover { background: rgba(0, 0, 0, 0.06); }
button:focus-visible { outline: 2px solid #0072b2; outline-offset: 1px; }
.close, .collapse { font-size: 18px; line-height: 1; padding: 4px 8px; }
#sidebar.empty:not(.collapsed) { bottom: auto; }
#sidebar.empty .actors { padding: 0 0 12px; }
#sidebar.collapsed > :not(header), #sidebar.collapsed h2 { display: none; }
#sidebar.collapsed header { flex-direction: column; border-bottom: 0; padding: 8px 4px; }
.summary, .message { margin: 8px 12px 0; }
.summary { color: #4a4a4a; font-size: 13px; }
.keys { margin: 4px 12px 0; color: #4a4a4a; font-size: 12px; }
.text-languages { display: flex; flex-wrap: wrap; align-items: center; gap: 2px 4px; margin: 6px 12px 0; font-size: 12px; color: #4a4a4a; }
.text-languages button { font-size: 12px; padding: 1px 5px; }
.text-languages button[aria-pressed="true"] { border-color: #0072b2; font-weight: 650; }
.message { padding: 8px 10px; background: #f1f1ee; border-radius: 4px; }
.message:empty { display: none; }
.exports { display: flex; gap: 8px; padding: 8px 12px; border-bottom: 1px solid #e0e0e0; }
.exports button { border-color: #b9b9b9; font-size: 13px; }
.actors { list-style: none; margin: 0; padding: 4px 0 24px; overflow-y: auto; flex: 1; }
.actor, .unattributed { padding: 8px 12px; border-bottom: 1px solid #ececec; }
.actor-head { display: flex; align-items: center; gap: 8px; }
.name { flex: 1; font-weight: 650; padding-left: 2px; }
.name[aria-pressed="true"] { background: #e6f0f7; box-shadow: inset 3px 0 0 #0072b2; }
.count { color: #4a4a4a; font-size: 12px; font-weight: 650; min-width: 1.6em; text-align: center; padding: 0 5px; border-radius: 8px; background: rgba(0, 0, 0, 0.07); }
li > .role { color: #4a4a4a; font-size: 12.5px; margin: 2px 0 0 26px; }
.swatch {
  flex: none; width: 18px; height: 14px; border-radius: 3px;
  background: color-mix(in srgb, var(--ql-color, #777) 30%, transparent);
  border-bottom: 3px var(--ql-line, solid) var(--ql-color, #777);
}
.unattributed .swatch { --ql-color: var(--quotelens-unknown, #777); }
.positions { list-style: none; margin: 6px 0 0 22px; padding: 0; }
.positions > li { display: flex; align-items: flex-start; gap: 2px; }
.position { display: block; flex: 1; min-width: 0; padding: 4px 6px; margin: 1px 0; font-size: 13px; }
.copy { flex: none; font-size: 12px; color: #0072b2; margin-top: 3px; }
.more { margin: 2px 0 0 22px; font-size: 12.5px; color: #0072b2; text-decoration: underline; }
.position .text {
  display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 3; line-clamp: 3; overflow: hidden;
}
.position .cue { display: block; color: #5a5a5a; font-size: 12px; font-style: italic; }
.stance {
  display: inline-block; max-width: 100%; overflow-wrap: anywhere; font-size: 11px; font-weight: 650;
  padding: 0 5px; margin-right: 4px; border-radius: 8px; border: 1px solid;
}
.stance-for { color: #00603f; }
.stance-against { color: #9a3a00; }
#tooltip {
  position: fixed; left: 0; top: 0; max-width: 320px;
  padding: 8px 10px; border-radius: 6px;
  background: #1f1f1f; color: #f7f7f7;
  font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  box-shadow: 0 4px 14px rgba(0, 0, 0, 0.3);
  pointer-events: none;
}
#tooltip[hidden] { display: none; }
#tooltip .speaker { font-weight: 700; font-size: 14px; }
#tooltip .role { color: #dadada; margin-bottom: 2px; }
#tooltip .label { color: #bdbdbd; margin-right: 6px; }
#tooltip .role:empty { display: none; }
#tooltip .hint { color: #bdbdbd; font-size: 12px; margin-top: 4px; }
#tooltip .why { color: #f0f0f0; font-style: italic; margin: 2px 0 4px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
@media (prefers-color-scheme: dark) {
  #sidebar { background: #1e1f21; color: #ececec; border-left-color: #3a3a3a; }
  .summary, .keys, .text-languages, li > .role, .count, .position .cue { color: #b5b5b5; }
  .text-languages button[aria-pressed="true"] { border-color: #56b4e9; }
  .message { background: #2b2c2f; }
  header, .exports, .actor, .unattributed { border-color: #333; }
  button:hover { background: rgba(255, 255, 255, 0.08); }
  .name[aria-pressed="true"] { background: #173447; box-shadow: inset 3px 0 0 #56b4e9; }
  .stance-for { color: #5fd3a4; } .stance-against { color: #ffa36b; }
  .copy { color: #56b4e9; }
}
@media (prefers-reduced-motion: no-preference) { button { transition: background 0.12s; } }
"#;

/// The whole shadow stylesheet: the base rules and one rule per speaker slot.
pub fn shadow_css() -> String {
    let mut css = String::from(BASE);
    for slot in 0..STYLE_SLOTS {
        css.push_str(&format!(
            ".speaker-{slot} {{ --ql-color: var(--quotelens-c{}); --ql-line: {}; }}\n",
            slot % 8,
            LINE_STYLES[slot / 8 % LINE_STYLES.len()],
        ));
    }
    css
}
