/**
 * Everything the dialog needs that JupyterLab's start-up does not: the
 * wasm-bindgen glue, the string catalogue, the stylesheet and the Online
 * now watcher (with jupyter-collaboration's awareness token, so that not
 * even the token is fetched at start). webpack puts
 * this module (and what it imports) in a chunk of its own, fetched on the
 * first open of the dialog together with the `.wasm` (see `loadDialog` in
 * index.ts).
 */
import '../style/base.css';

import init, {
  __wbg_reset_state as resetState,
  mount,
  prefetch
} from '../wasm/user_sharing_ui.js';

// Only a token: the awareness itself is jupyter-collaboration's, when it is
// installed (the shim resolves it as an optional service on first load).
export { IGlobalAwareness } from '@jupyter/collaborative-drive';
export { onlineWatcher } from './online';
export type { IAwarenessLike } from './online';
export { catalogue, pluralFor } from './strings';
export { mount, prefetch };

/**
 * Compile and instantiate the wasm from `wasm`, the response of a fetch
 * started alongside the fetch of this chunk. (wasm-bindgen compiles it
 * while it streams in when the server says `application/wasm`.)
 */
export async function start(wasm: Promise<Response>): Promise<void> {
  await init({ module_or_path: wasm });
}

/**
 * Replace the wasm instance by a new one of the same compiled module: after
 * a panic the old one aborted and its memory cannot be trusted.
 */
export function restart(): void {
  resetState();
}
