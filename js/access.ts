/**
 * What an invitee's JupyterLab does about their access, when the server
 * enforces access levels (the server extension's
 * `GET {baseUrl}user-sharing/api/access`): a notice that the server was
 * shared view only, documents shown read-only (no typing that would only
 * stay on the viewer's screen, no kernel it may not start), and a notice
 * when their access has ended (revoked, or its time was up). The owner's
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
    autoStartDefault: false
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

/** The server extension says so in the page config when it is active. */
export function accessLevelsEnforced(): boolean {
  return PageConfig.getOption('userSharingAccessLevels') === 'true';
}

export function watchAccess(app: JupyterFrontEnd, trans: TranslationBundle): void {
  const visitor = PageConfig.getOption('hubUser');
  const owner = PageConfig.getOption('hubServerUser');
  if (!visitor || !owner || visitor === owner || !accessLevelsEnforced()) {
    return;
  }
  const url = URLExt.join(PageConfig.getBaseUrl(), 'user-sharing/api/access');
  const token = PageConfig.getOption('token');
  let toldViewOnly = false;
  let first: Promise<Verdict> | null = askServer(url, token);
  lockDocuments(app, first);
  const check = async (): Promise<void> => {
    const verdict = await (first ?? askServer(url, token));
    first = null;
    if (verdict === 'not-enforced') {
      return;
    }
    if (verdict === 'ended') {
      Notification.warning(
        trans.__(
          'Your access to the server of %1 has ended. Changes you make here are not saved; ask %1 for a new invitation to continue.',
          owner
        ),
        { autoClose: false }
      );
      return;
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
    window.setTimeout(() => void check(), CHECK_MS);
  };
  void check();
}
