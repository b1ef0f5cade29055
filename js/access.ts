/**
 * What an invitee's JupyterLab does about their access, when the server
 * enforces access levels (the server extension's
 * `GET {baseUrl}user-sharing/api/access`): a notice that the server was
 * shared view only, documents shown read-only (no typing that would only
 * stay on the viewer's screen, no kernel it may not start or connect to),
 * the commands that create files or start kernels and terminals disabled,
 * settings changes kept in the page (the server refuses to save them), every
 * invitee's layout kept in the page (not saved over the owner's), and a
 * notice when their access has ended (revoked, or its time was
 * up: checked every 15 s, and at once when a request is refused). The owner's
 * JupyterLab does nothing here; neither does a server without the
 * extension (404). The server refuses a viewer's changes whatever this does.
 */
import type { JupyterFrontEnd } from '@jupyterlab/application';
import { Notification } from '@jupyterlab/apputils';
import { PageConfig, URLExt } from '@jupyterlab/coreutils';
import type { DocumentRegistry } from '@jupyterlab/docregistry';
import { TranslationBundle } from '@jupyterlab/translation';
import type { Widget } from '@lumino/widgets';

/** How often an invitee's page asks whether it still has access. */
const CHECK_MS = 15_000;
/** After a refused request, ask again at once, but not more often than this. */
const RECHECK_MS = 2_000;
/** The `reason` of the server's refusals of a viewer's changes (not an end of access). */
const VIEW_ONLY_REASON = 'View only';
/** How long the notice that a viewer cannot create files or run code shows. */
const NOTICE_MS = 8_000;

type Verdict = 'full' | 'view' | 'ended' | 'unknown' | 'not-enforced';

async function askServer(url: string, token: string): Promise<Verdict> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { Authorization: `token ${token}` },
      credentials: 'omit',
      cache: 'no-store'
    });
  } catch {
    return 'unknown'; // the network or the server is away: ask again later
  }
  if (response.status === 403) {
    return 'ended';
  }
  if (response.status === 404) {
    return 'not-enforced';
  }
  if (!response.ok) {
    return 'unknown';
  }
  try {
    const body = await response.json();
    return body.level === 'view' ? 'view' : 'full';
  } catch {
    return 'unknown';
  }
}

/** The parts of JupyterLab's notebook and editor widgets a viewer's lock uses. */
interface ILockable {
  widgets?: readonly { readOnly: boolean }[];
  modelContentChanged?: { connect(slot: () => void): void };
  editor?: { setOption(name: string, value: unknown): void };
}

/** Show a document read-only and never start a kernel for it. */
function lock(widget: Widget, context: DocumentRegistry.Context): void {
  const session = context.sessionContext;
  session.kernelPreference = {
    ...session.kernelPreference,
    shouldStart: false,
    canStart: false,
    autoStartDefault: false,
    shouldReuse: false // not even the owner's kernel: the server refuses its websocket
  };
  const content = (widget as unknown as { content?: ILockable }).content;
  if (!content) {
    return;
  }
  content.editor?.setOption('readOnly', true);
  if (content.widgets) {
    const cells = () => content.widgets?.forEach(cell => (cell.readOnly = true));
    cells();
    content.modelContentChanged?.connect(cells); // cells added by others
  }
}

/**
 * Lock every notebook and text document of a viewer, from the first one
 * JupyterLab opens (widget extensions run as each widget is made, before
 * its kernel starts). Documents opened before the level is known are
 * locked once it is.
 */
function lockDocuments(app: JupyterFrontEnd, level: Promise<Verdict>): void {
  const pending: [Widget, DocumentRegistry.Context][] = [];
  let known: Verdict | null = null;
  void level.then(verdict => {
    known = verdict;
    if (verdict === 'view') {
      pending.forEach(([widget, context]) => lock(widget, context));
    }
    pending.length = 0;
  });
  const extension = {
    createNew: (widget: Widget, context: DocumentRegistry.Context): void => {
      if (known === 'view') {
        lock(widget, context);
      } else if (known === null) {
        pending.push([widget, context]);
      }
    }
  };
  for (const factory of ['Notebook', 'Editor']) {
    app.docRegistry.addWidgetExtension(
      factory,
      extension as unknown as DocumentRegistry.WidgetExtension
    );
  }
}

/** The page's services, as far as a viewer's lock changes them. */
interface IKeptServices {
  settings: {
    fetch(id: string): Promise<{ raw: string }>;
    save(id: string, raw: string): Promise<void>;
  };
}

/**
 * A viewer may not change the owner's settings (the server refuses with
 * 403): their own changes (a theme) stay in this page instead of failing,
 * and JupyterLab does not send the doomed requests.
 */
function keepChangesInPage(app: JupyterFrontEnd): void {
  const services = app.serviceManager as unknown as IKeptServices;
  const settings = services.settings;
  const kept = new Map<string, string>();
  const fetchSettings = settings.fetch.bind(settings);
  settings.save = async (id, raw) => {
    kept.set(id, raw);
  };
  settings.fetch = async id => {
    const plugin = await fetchSettings(id);
    const raw = kept.get(id);
    return raw === undefined ? plugin : { ...plugin, raw };
  };
}

/**
 * The commands that would create a file or start a kernel or terminal,
 * which the server refuses a viewer (JupyterLab would show the refusal in
 * an error dialog, from the Launcher's tiles among others).
 */
const CHANGING_COMMANDS = new Set([
  'notebook:create-new',
  'console:create',
  'terminal:create-new',
  'fileeditor:create-new',
  'fileeditor:create-new-markdown-file',
  'filebrowser:create-new-file',
  'filebrowser:create-new-directory',
  'docmanager:new-untitled'
]);

/**
 * A viewer's menus show those commands disabled, and where they are run
 * anyway (the Launcher's tiles, which JupyterLab offers whatever the
 * commands say) a notice says why instead of an error dialog.
 */
function disableChanges(app: JupyterFrontEnd, notice: () => void): void {
  const commands = app.commands;
  const isEnabled = commands.isEnabled.bind(commands);
  const execute = commands.execute.bind(commands);
  commands.isEnabled = (id, args) =>
    !CHANGING_COMMANDS.has(id) && isEnabled(id, args);
  commands.execute = async (id, args) => {
    if (CHANGING_COMMANDS.has(id)) {
      notice();
      return undefined;
    }
    return execute(id, args);
  };
}

/** The page's connection settings: JupyterLab's requests go through `fetch`. */
interface IFetching {
  fetch(input: RequestInfo, init?: RequestInit): Promise<Response>;
}

/**
 * Call `onEnded` when one of JupyterLab's requests is refused other than
 * for being view only: the visitor's access may have just ended (revoked,
 * or its time up), sooner than the next check would find out.
 */
function watchRefusals(app: JupyterFrontEnd, onEnded: () => void): void {
  const settings = app.serviceManager.serverSettings as unknown as IFetching;
  const send = settings.fetch;
  settings.fetch = async (input, init) => {
    const response = await send.call(null, input, init);
    if (response.status === 403) {
      void response
        .clone()
        .json()
        .then(
          body => body?.reason !== VIEW_ONLY_REASON && onEnded(),
          () => onEnded()
        );
    }
    return response;
  };
}

/**
 * Once access has ended, every request of this page is refused: stop what
 * would keep retrying (the session, kernel and terminal polls, the kernels'
 * and the event stream's websockets). jupyter-collaboration's document and
 * awareness connections are its own, out of reach: it keeps retrying those.
 */
function stopRetries(app: JupyterFrontEnd): void {
  const services = app.serviceManager;
  try {
    services.dispose(); // contents, events, sessions, terminals
    services.kernels.dispose();
    services.kernelspecs.dispose();
  } catch (reason) {
    console.warn('jupyterlab-user-sharing: could not stop the page\'s requests.', reason);
  }
}

/** The visitor's level, as the server found it when it served this page. */
function levelInPageConfig(): Verdict | null {
  const level = PageConfig.getOption('userSharingLevel');
  return level === 'view' || level === 'full' ? level : null;
}

/**
 * Watch an invitee's access. The shim loads this module (a chunk of its
 * own) and calls this only when `needsAccessWatch()` holds.
 */
export function watchAccess(app: JupyterFrontEnd, trans: TranslationBundle): void {
  const owner = PageConfig.getOption('hubServerUser');
  const url = URLExt.join(PageConfig.getBaseUrl(), 'user-sharing/api/access');
  const token = PageConfig.getOption('token');
  const known = levelInPageConfig();
  let first: Promise<Verdict> | null = known
    ? Promise.resolve(known)
    : askServer(url, token);
  lockDocuments(app, first);
  let toldViewOnly = false;
  let kept = false;
  const keepViewersChanges = (): void => {
    if (kept) {
      return;
    }
    kept = true;
    keepChangesInPage(app);
    disableChanges(app, () =>
      Notification.info(
        trans.__(
          '%1 shared this server with you view only: you cannot create files or run code.',
          owner
        ),
        { autoClose: NOTICE_MS } // the default shows no toast
      )
    );
  };
  let ended = false;
  let running = false;
  let lastCheck = 0;
  let timer = 0;
  const check = async (): Promise<void> => {
    if (running || ended) {
      return;
    }
    running = true;
    window.clearTimeout(timer);
    lastCheck = Date.now();
    const verdict = await (first ?? askServer(url, token));
    first = null;
    running = false;
    if (verdict === 'not-enforced') {
      return;
    }
    if (verdict === 'ended') {
      ended = true;
      Notification.warning(
        trans.__(
          'Your access to the server of %1 has ended. Changes you make here are not saved; ask %1 for a new invitation to continue.',
          owner
        ),
        { autoClose: false }
      );
      stopRetries(app);
      return;
    }
    if (verdict === 'view') {
      keepViewersChanges();
    }
    if (verdict === 'view' && !toldViewOnly) {
      toldViewOnly = true;
      Notification.info(
        trans.__(
          '%1 shared this server with you view only: you can open, read and download files and notebooks, but not change them or run code.',
          owner
        ),
        { autoClose: false }
      );
    }
    timer = window.setTimeout(() => void check(), CHECK_MS);
  };
  if (known === 'view') {
    keepViewersChanges(); // before JupyterLab restores its layout
  }
  watchRefusals(app, () => {
    if (Date.now() - lastCheck >= RECHECK_MS) {
      void check();
    }
  });
  // notices shown before JupyterLab's notification area exists are lost
  void app.restored.then(check);
}
