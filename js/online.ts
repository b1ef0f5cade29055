/**
 * Who is connected to this server now, from jupyter-collaboration's global
 * awareness (the `IGlobalAwareness` token, an optional dependency: without
 * jupyter-collaboration the dialog gets no watcher and shows no column).
 * Each JupyterLab page connected to the server has one awareness state whose
 * `user` is JupyterLab's identity of the visitor; under JupyterHub its
 * `username` is the hub name. The dialog decides what to show.
 */
import type { OnlineWatcher } from './tokens';

/** What is used of a y-protocols `Awareness`. */
export interface IAwarenessLike {
  getStates(): Map<number, unknown>;
  on(event: 'change', listener: () => void): void;
  off(event: 'change', listener: () => void): void;
}

/** The hub names in the awareness states (each once, in no order). */
function onlineNames(awareness: IAwarenessLike): string[] {
  const names = new Set<string>();
  awareness.getStates().forEach(state => {
    const user = (state as { user?: { username?: unknown } } | null)?.user;
    if (typeof user?.username === 'string' && user.username) {
      names.add(user.username);
    }
  });
  return [...names];
}

/**
 * `watchOnline` for the dialog: calls its listener with the names at once
 * and on every change of the awareness, until the returned `stop()`.
 */
export function onlineWatcher(awareness: IAwarenessLike): OnlineWatcher {
  return listener => {
    // the awareness changes with every cursor move: only new names count
    let last: string | null = null;
    const send = (): void => {
      const names = onlineNames(awareness);
      const key = JSON.stringify(names);
      if (key !== last) {
        last = key;
        listener(names);
      }
    };
    awareness.on('change', send);
    send();
    return () => awareness.off('change', send);
  };
}
