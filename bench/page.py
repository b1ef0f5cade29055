"""What runs inside the page: the init script and the measurement helpers.

Everything is timed with ``performance.now()`` in the page (origin =
navigation start), never from Python, so the Playwright round trips are not
part of any figure.

The init script (added to every browser context of the benchmark):

- raises the resource-timing buffer (JupyterLab fetches more than the default
  250 entries at start, later entries would be dropped);
- records long tasks (``PerformanceObserver({type: 'longtask', buffered: true})``);
- optionally drops federated extensions from the page config before
  JupyterLab reads it (the "without" variants of the load-time figure, see
  ``README``/RESULTS.md), and sets ``exposeAppInBrowser`` so that
  ``window.jupyterapp`` is assigned; a setter on ``window.jupyterapp`` hooks
  ``app.restored`` and records its time (navigation start -> app restored);
- defines ``__bench.arm(kind, expected)``: a capture ``pointerdown`` listener
  (time origin of an open, ``performance.mark('bench:pointerdown')``) and
  MutationObservers that record the moment the expected list is in the DOM
  (``performance.mark('bench:listed')``). They narrow down step by step
  (body -> dialog -> our root's ``data-state``) so that they do not queue a
  mutation record per inserted row.
"""

from __future__ import annotations

import json

# Our dialog (crates/user-sharing-ui): root .jp-UserSharing[data-state=ready]
# once both lists arrived; one th.jp-UserSharing-name per share; the empty
# text is p.jp-UserSharing-empty.
OURS_EMPTY_TEXT = "No one else has access to this server yet."
# jupyter-collaboration 5.0.4 (collaboration-extension static/275.*.js):
# table.jp-ManageSharesBody-shares-table, a header row + one row per share, or
# one row with this text when there is none.
PEER_EMPTY_TEXT = "Your server is not shared to anybody yet."

INIT_JS = r"""
((params) => {
  if (window.__bench) { return; }
  try { performance.setResourceTimingBufferSize(100000); } catch (e) {}
  const B = window.__bench = { params, restored: null, rewrote: null, longtasks: [], cur: null };
  B.restoredP = new Promise(r => { B.resolveRestored = r; });
  try {
    new PerformanceObserver(list => {
      for (const e of list.getEntries()) { B.longtasks.push({ start: e.startTime, duration: e.duration }); }
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) { B.longtaskError = String(e); }

  // ---- page config: drop extensions, expose the app (before JupyterLab reads it)
  const rewrite = () => {
    if (B.rewrote !== null) { return true; }
    const el = document.getElementById('jupyter-config-data');
    if (!el) { return false; }
    let cfg;
    try { cfg = JSON.parse(el.textContent); } catch (e) { return false; }  // not fully parsed yet
    const drop = new Set(params.drop || []);
    const before = (cfg.federated_extensions || []).map(x => x.name);
    cfg.federated_extensions = (cfg.federated_extensions || []).filter(x => !drop.has(x.name));
    cfg.exposeAppInBrowser = 'true';
    el.textContent = JSON.stringify(cfg);
    B.rewrote = { before, after: cfg.federated_extensions.map(x => x.name), at: performance.now() };
    return true;
  };
  const cfgObserver = new MutationObserver(() => { if (rewrite()) { cfgObserver.disconnect(); } });
  cfgObserver.observe(document, { childList: true, subtree: true, characterData: true });
  // deferred scripts (JupyterLab's main.js) run after 'interactive'
  document.addEventListener('readystatechange', () => { rewrite(); cfgObserver.disconnect(); });

  // ---- navigation start -> app.restored
  let app;
  Object.defineProperty(window, 'jupyterapp', {
    configurable: true, enumerable: true,
    get() { return app; },
    set(v) {
      app = v;
      if (v && v.restored) {
        v.restored.then(() => {
          B.restored = performance.now();
          performance.mark('bench:restored');
          B.resolveRestored(B.restored);
        });
      }
    },
  });

  // ---- one open of a dialog: pointerdown -> expected list in the DOM
  const OURS_EMPTY = params.oursEmpty, PEER_EMPTY = params.peerEmpty;
  // Ours shows a long list a page at a time (100 rows): the whole list is
  // there when the table's aria-rowcount counts every share (+ the header
  // row) and the first page's rows are in the DOM. ``anyState``: also the
  // list remembered from the last open, shown while the reload runs.
  // Until the dialog's first frame is painted the table holds a screenful
  // (OURS_FIRST rows; the rest of the page follows): ``anyState`` counts
  // the list shown when that screenful is in.
  const OURS_PAGE = 100, OURS_FIRST = 20;
  const listed = (kind, expected, anyState) => {
    if (kind === 'ours') {
      const root = document.querySelector('.jp-Dialog .jp-UserSharing');
      if (!root || (!anyState && root.getAttribute('data-state') !== 'ready')) { return -1; }
      if (expected === 0) {
        const p = root.querySelector('.jp-UserSharing-empty');
        return p && p.textContent.includes(OURS_EMPTY) ? 0 : -1;
      }
      const table = root.querySelector('table.jp-UserSharing-table');
      if (!table || table.getAttribute('aria-rowcount') !== String(expected + 1)) { return -1; }
      const n = table.querySelectorAll('tbody tr .jp-UserSharing-name').length;
      if (anyState) { return n >= Math.min(expected, OURS_FIRST) ? expected : -1; }
      return n === Math.min(expected, OURS_PAGE) ? expected : -1;
    }
    const table = document.querySelector('.jp-Dialog .jp-ManageSharesBody-shares-table');
    if (!table) { return -1; }
    if (expected === 0) { return table.textContent.includes(PEER_EMPTY) ? 0 : -1; }
    const n = table.querySelectorAll('tr').length - 1;
    return n === expected ? n : -1;
  };
  // Ours: the first screenful of live rows: the people table holds rows of
  // this open's own load (data-rows "partial" or "complete", not the list
  // remembered from the last open), OURS_FIRST of them (or all, if fewer).
  // Nobody to list: the live empty text. The links may still be loading.
  const screenful = (expected) => {
    const root = document.querySelector('.jp-Dialog .jp-UserSharing');
    if (!root) { return false; }
    if (expected === 0) { return listed('ours', 0) === 0; }
    const table = root.querySelector('table.jp-UserSharing-table');
    if (!table) { return false; }
    const rows = table.getAttribute('data-rows');
    if (rows !== 'partial' && rows !== 'complete') { return false; }
    return table.querySelectorAll('tbody tr .jp-UserSharing-name').length >= Math.min(expected, OURS_FIRST);
  };
  // The observers are kept narrow so that they cost (almost) nothing while
  // the dialog renders: a MutationObserver with subtree+childList on the
  // page would queue a record for every row cell Yew inserts.
  //   1. body, childList only: wait for the dialog;
  //   2. dialog subtree, childList: wait for our root (ours) or the table (peer);
  //   3. ours: the root's subtree (childList, data-state and data-rows).
  // ``clicks``: 2 for ours (the User sharing menu, then its item): the first
  // pointerdown is the menu's (``menuDown``), the second the item's
  // (``down``, the origin of the figures); 1 for the peer's Share button.
  B.arm = (kind, expected, timeoutMs, clicks) => {
    if (B.cur && B.cur.cancel) { B.cur.cancel(); }
    performance.clearMarks('bench:pointerdown');
    performance.clearMarks('bench:listed');
    const rec = { kind, expected, down: null, menuDown: null, listed: null, shown: null, screen: null,
                  rows: null, timedOut: false, phases: [] };
    let downs = clicks || 1;
    let resolve;
    const promise = new Promise(r => { resolve = r; });
    let mo = null;
    const watch = (node, opts, fn) => {
      if (mo) { mo.disconnect(); }
      mo = new MutationObserver(fn);
      mo.observe(node, opts);
      rec.phases.push(performance.now());
    };
    const done = n => {
      rec.listed = performance.now();
      if (rec.shown === null) { rec.shown = rec.listed; }
      rec.rows = n;
      performance.mark('bench:listed');
      performance.measure('bench:' + kind, 'bench:pointerdown', 'bench:listed');
      if (mo) { mo.disconnect(); }
      resolve();
    };
    const tryDone = () => {
      if (rec.listed !== null) { return true; }
      if (rec.shown === null && kind === 'ours' && listed(kind, expected, true) >= 0) {
        rec.shown = performance.now();
      }
      if (rec.screen === null && kind === 'ours' && screenful(expected)) {
        rec.screen = performance.now();
      }
      const n = listed(kind, expected);
      if (n >= 0) { done(n); return true; }
      return false;
    };
    const onRoot = root => {
      if (tryDone()) { return; }
      watch(root, { childList: true, subtree: true, attributes: true,
                    attributeFilter: ['data-state', 'data-rows'] }, tryDone);
    };
    const onDialog = dialog => {
      const sel = kind === 'ours' ? '.jp-UserSharing' : '.jp-ManageSharesBody-shares-table';
      const step = () => {
        const found = dialog.querySelector(sel);
        if (!found) { return; }
        if (kind === 'ours') { onRoot(found); } else { tryDone(); }
      };
      watch(dialog, { childList: true, subtree: true }, step);
      step();
    };
    const onBody = () => {
      const dialog = document.querySelector('.jp-Dialog');
      if (dialog) { onDialog(dialog); }
    };
    const onDown = () => {
      downs -= 1;
      if (downs > 0) {
        rec.menuDown = performance.now();
        return;
      }
      document.removeEventListener('pointerdown', onDown, true);
      rec.down = performance.now();
      performance.mark('bench:pointerdown');
      watch(document.body, { childList: true }, onBody);
    };
    document.addEventListener('pointerdown', onDown, true);
    const timer = setTimeout(() => { rec.timedOut = true; if (mo) { mo.disconnect(); } resolve(); }, timeoutMs);
    rec.cancel = () => { clearTimeout(timer); if (mo) { mo.disconnect(); } document.removeEventListener('pointerdown', onDown, true); };
    rec.wait = () => promise.then(() => { clearTimeout(timer); return {
      kind: rec.kind, expected: rec.expected, down: rec.down, menuDown: rec.menuDown, listed: rec.listed,
      shown: rec.shown, screen: rec.screen === null ? rec.listed : rec.screen,
      rows: rec.rows, timedOut: rec.timedOut, phases: rec.phases,
    }; });
    B.cur = rec;
    return true;
  };
})(__PARAMS__);
"""


def init_script(drop: list[str] | tuple[str, ...] = ()) -> str:
    params = {
        "drop": list(drop),
        "oursEmpty": OURS_EMPTY_TEXT,
        "peerEmpty": PEER_EMPTY_TEXT,
    }
    return INIT_JS.replace("__PARAMS__", json.dumps(params))


# Resolves with the restored time as soon as JupyterLab is restored (no polling).
WAIT_RESTORED_JS = """(timeoutMs) => new Promise((resolve, reject) => {
  const t0 = Date.now();
  const go = () => {
    if (window.__bench && window.__bench.restoredP) {
      window.__bench.restoredP.then(resolve);
      setTimeout(() => reject(new Error('JupyterLab not restored in time')), timeoutMs);
    } else if (Date.now() - t0 > timeoutMs) {
      reject(new Error('no __bench in the page'));
    } else {
      setTimeout(go, 10);
    }
  };
  go();
})"""

RESOURCES_JS = """(since) => performance.getEntriesByType('resource')
  .filter(e => e.startTime >= since)
  .map(e => ({ name: e.name, type: e.initiatorType, start: e.startTime, end: e.responseEnd,
               transfer: e.transferSize, encoded: e.encodedBodySize, decoded: e.decodedBodySize }))"""

LONGTASKS_JS = "(since) => window.__bench.longtasks.filter(t => t.start >= since)"
