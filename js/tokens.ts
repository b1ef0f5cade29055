/**
 * Types shared by the shim's modules, and the contract with the Rust side:
 * the object `mount(root, config)` receives, read field by field in
 * crates/user-sharing-ui/src/host.rs. Types only: nothing here exists at
 * run time.
 */

/** The kinds of notification the dialog sends (`Notice` in host.rs). */
export type NoticeKind = 'success' | 'error';

/**
 * The counted phrases the dialog asks the shim to translate (`Plural` in
 * crates/user-sharing-ui/src/strings.rs; a native test there checks that
 * both lists agree).
 */
export type PluralKey =
  | 'activeLinks'
  | 'timesAccepted'
  | 'seconds'
  | 'minutes'
  | 'hours'
  | 'days'
  | 'weeks'
  | 'loadingPeople'
  | 'partialSearch';

/**
 * The user's settings (schema/plugin.json). A setting not loaded yet is
 * absent, and the dialog uses its default, which the schema states.
 */
export interface ISharingSettings {
  linkLifetimeSeconds?: number;
  autoRefreshSeconds?: number;
  showWarnings?: boolean;
}

/** The facts the dialog needs from JupyterLab's PageConfig. */
export interface IPageFacts {
  hubPrefix: string;
  hubHost: string;
  hubUser: string;
  hubServerUser: string;
  hubServerName: string;
  token: string;
  /** `location.origin`, used when `hubHost` is empty. */
  origin: string;
  /** This server's base path, for the server extension's API. */
  baseUrl: string;
  /** The server enforces access levels (its extension's page config). */
  accessLevels: boolean;
}

/**
 * Watch who is connected now: `listener(names)` at once and on every
 * change (the hub names), until the returned function is called.
 */
export type OnlineWatcher = (listener: (names: string[]) => void) => () => void;

/** Everything `mount` receives. */
export interface IDialogConfig extends IPageFacts, ISharingSettings {
  /** BCP 47 language tag for dates and numbers. */
  locale: string;
  /** The translated sentences, keyed by the camelCase names of `Strings`. */
  strings: Record<string, string>;
  /** Translate a counted phrase (`%1` = `n`, `%2`... = `args`). */
  plural: (key: PluralKey, n: number, ...args: string[]) => string;
  /** Tell JupyterLab's notification centre. */
  notify: (kind: NoticeKind, message: string) => void;
  /**
   * Called by the wasm's panic hook: its instance aborted and must not run
   * again (the shim starts a new one at the next open).
   */
  onPanic: () => void;
  /** The document current in JupyterLab ('' when none): a link may open it. */
  currentPath: string;
  /** Leave JupyterLab for a page of the hub (after leaving a server). */
  navigate: (url: string) => void;
  /** Only with jupyter-collaboration: who is connected now. */
  watchOnline?: OnlineWatcher;
}
