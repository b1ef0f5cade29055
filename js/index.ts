/**
 * The JupyterLab side of jupyterlab-user-sharing: a thin shim.
 *
 * It registers the command, palette item and (through the settings schema)
 * the "User sharing" menu; reads PageConfig; passes settings and translated
 * strings to the Rust/Yew app; loads the WebAssembly module when the user
 * reaches for the dialog (the User sharing menu, the command highlighted in
 * the palette) or on first open; and unmounts the app when the dialog
 * closes. Everything that is UI logic
 * lives in Rust (crates/user-sharing-ui).
 */
import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import {
  Dialog,
  ICommandPalette,
  Notification,
  showDialog
} from '@jupyterlab/apputils';
import { PageConfig } from '@jupyterlab/coreutils';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import {
  ITranslator,
  nullTranslator,
  TranslationBundle
} from '@jupyterlab/translation';
import { Message, MessageLoop } from '@lumino/messaging';
import { Widget } from '@lumino/widgets';

import {
  accessLevelsEnforced,
  isInvitee,
  keepWorkspaceInPage,
  needsAccessWatch
} from './page';
import type {
  IDialogConfig,
  IPageFacts,
  ISharingSettings,
  NoticeKind,
  OnlineWatcher
} from './tokens';


/** The plugin id; also names the settings schema (schema/plugin.json). */
const PLUGIN_ID = 'jupyterlab-user-sharing:plugin';

/** Command ids. */
export namespace CommandIDs {
  export const open = 'user-sharing:open';
}

/** The main menu holding the command (schema/plugin.json). */
const MENU_ID = 'jp-mainmenu-user-sharing';

/** JupyterLab's command that shows the command palette. */
const PALETTE_COMMAND = 'apputils:activate-command-palette';

/** What the shim reads of JupyterLab's main menu bar (a Lumino MenuBar). */
interface IMenuBarLike {
  readonly menus: ReadonlyArray<Widget>;
  readonly activeMenu: Widget | null;
}

/** The translation domain of this extension. */
const DOMAIN = 'jupyterlab_user_sharing';

/** The dialog's code, loaded on its first open (see lazy.ts). */
type DialogModule = typeof import('./lazy');

/** What the Online now watcher reads of the awareness. */
type IAwarenessLike = import('./lazy').IAwarenessLike;

/** The handle returned by the Rust `mount`. */
interface IMountHandle {
  unmount(): void;
  free(): void;
}

let dialogModule: Promise<DialogModule> | null = null;

/**
 * Who is online now, from jupyter-collaboration's global awareness: set
 * when the dialog's code has loaded, and only when jupyter-collaboration
 * provides the awareness (the dialog then shows its Online now column).
 */
let watchOnline: OnlineWatcher | undefined;

/**
 * Set by the wasm's panic hook (`onPanic`): after a panic its instance
 * aborted and must not run again. The next open starts a new instance of
 * the same compiled module (`restart`); handles of the old one are dropped
 * without calling into it.
 */
let crashed = false;

/** The number of the current wasm instance (one more after each restart). */
let instance = 0;

/**
 * Fetch and instantiate the dialog's code, once per page. Nothing of it is
 * loaded at JupyterLab start: when the pointer reaches the User sharing
 * menu (or the command is highlighted in the palette, or at the first open),
 * the `.wasm` and the chunk holding the glue, the strings and the
 * stylesheet are fetched at the same time; the wasm compiles while it
 * streams in. The awareness of jupyter-collaboration (if it is installed)
 * is resolved then too, not at start. A failed load is not cached, so
 * reopening the dialog retries.
 */
function loadDialog(app: JupyterFrontEnd): Promise<DialogModule> {
  if (!dialogModule) {
    const wasm = fetch(
      new URL('../wasm/user_sharing_ui_bg.wasm', import.meta.url)
    );
    // Observed by `start` below; this only keeps a failure of the chunk's
    // own fetch from leaving the wasm fetch's failure unhandled as well.
    wasm.catch(() => undefined);
    dialogModule = import('./lazy').then(async mod => {
      const [, awareness] = await Promise.all([
        mod.start(wasm),
        app.resolveOptionalService(mod.IGlobalAwareness).catch(() => null)
      ]);
      watchOnline = awareness
        ? mod.onlineWatcher(awareness as unknown as IAwarenessLike)
        : undefined;
      return mod;
    });
    dialogModule.catch(() => {
      dialogModule = null;
    });
  }
  return dialogModule;
}

/**
 * Call `onHover` when the pointer or the keyboard is on the "User sharing"
 * title of the main menu bar, and `onOpen` when that menu opens: the user
 * is about to open the dialog. Nothing happens at start-up.
 */
function watchMenu(
  app: JupyterFrontEnd,
  onHover: () => void,
  onOpen: () => void
): void {
  const hooked = new WeakSet<Widget>();
  const hookMenu = (menu: Widget): void => {
    if (!hooked.has(menu)) {
      hooked.add(menu);
      MessageLoop.installMessageHook(menu, (_handler, msg: Message) => {
        if (msg.type === 'before-attach') {
          onOpen();
        }
        return true;
      });
    }
  };
  void app.restored.then(() => {
    for (const widget of app.shell.widgets('menu')) {
      const bar = widget as unknown as Partial<IMenuBarLike>;
      if (!Array.isArray(bar.menus)) {
        continue;
      }
      const ours = () => bar.menus?.find(menu => menu.id === MENU_ID);
      const menu = ours();
      if (menu) {
        hookMenu(menu);
      }
      // The bar updates when its active title changes (hover, keys);
      // a menu added after start-up is hooked then.
      MessageLoop.installMessageHook(widget, (_handler, msg: Message) => {
        if (msg.type === 'update-request' && bar.activeMenu?.id === MENU_ID) {
          hookMenu(bar.activeMenu);
          onHover();
        }
        return true;
      });
    }
  });
}

/**
 * Call `onHighlight` when the command is the highlighted item of the
 * command palette. The palette is watched only once it has been shown.
 */
function watchPalette(app: JupyterFrontEnd, onHighlight: () => void): void {
  const watched = new WeakSet<Element>();
  const active = `.lm-CommandPalette-item.lm-mod-active[data-command="${CommandIDs.open}"]`;
  app.commands.commandExecuted.connect((_commands, args) => {
    if (args.id !== PALETTE_COMMAND) {
      return;
    }
    document.querySelectorAll('.lm-CommandPalette').forEach(palette => {
      if (watched.has(palette)) {
        return;
      }
      watched.add(palette);
      new MutationObserver(() => {
        if (palette.querySelector(active)) {
          onHighlight();
        }
      }).observe(palette, {
        subtree: true,
        attributes: true,
        attributeFilter: ['class']
      });
    });
  });
}

/** The dialog body: a host node for the Yew app. */
class SharingBody extends Widget {
  constructor(
    private readonly app: JupyterFrontEnd,
    private readonly trans: TranslationBundle,
    private readonly config: (dialog: DialogModule) => IDialogConfig
  ) {
    super();
    this.addClass('jp-UserSharing-host');
    // JupyterLab's Dialog remembers its first focusable element when it is
    // attached, before the wasm has rendered the controls: make the body
    // itself that element, so Tab from the last dialog button enters it.
    this.node.tabIndex = -1;
    const loading = document.createElement('p');
    loading.className = 'jp-UserSharing-loading';
    loading.textContent = trans.__('Loading…');
    this.node.appendChild(loading);
  }

  protected onAfterAttach(): void {
    // the dialog holding this body: larger than JupyterLab's (style/base.css)
    this.node.closest('.jp-Dialog-content')?.classList.add('jp-UserSharing-dialog');
    // JupyterLab's Dialog takes Enter on a <select> or a text <input> as
    // "accept" and closes, from a capturing keydown listener on its node:
    // only a capturing listener above it (window) can keep Enter on the
    // "Valid for" picker or on a link's field from closing the dialog.
    window.addEventListener('keydown', this.stopEnter, true);
    void this.start();
  }

  protected onBeforeDetach(): void {
    window.removeEventListener('keydown', this.stopEnter, true);
  }

  private readonly stopEnter = (event: KeyboardEvent): void => {
    const target = event.target;
    if (
      event.key === 'Enter' &&
      target instanceof Element &&
      this.node.contains(target) &&
      target.matches('select, input')
    ) {
      event.stopPropagation();
    }
  };

  private async start(): Promise<void> {
    if (this.handle || this.starting) {
      return;
    }
    this.starting = true;
    try {
      let dialog: DialogModule;
      try {
        dialog = await loadDialog(this.app);
      } catch (reason) {
        this.showError(
          this.trans.__(
            'The user sharing dialog could not be loaded (%1). Check your network connection, then close and reopen it.',
            String(reason)
          )
        );
        return;
      }
      if (this.isDisposed) {
        return;
      }
      try {
        if (crashed) {
          dialog.restart();
          crashed = false;
          instance += 1;
        }
        this.node.textContent = '';
        this.instance = instance;
        this.handle = dialog.mount(this.node, this.config(dialog)) as IMountHandle;
      } catch (reason) {
        // Not a download problem: the wasm itself failed. Its instance
        // cannot be trusted any more.
        crashed = true;
        this.showError(
          this.trans.__(
            'The user sharing dialog stopped after an internal error (%1). Reload the page to use it again.',
            String(reason)
          )
        );
      }
    } finally {
      this.starting = false;
    }
  }

  private showError(text: string): void {
    if (this.isDisposed) {
      return;
    }
    this.node.textContent = '';
    const message = document.createElement('p');
    message.className = 'jp-UserSharing-error';
    message.setAttribute('role', 'alert');
    message.textContent = text;
    this.node.appendChild(message);
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    window.removeEventListener('keydown', this.stopEnter, true);
    if (this.handle) {
      // A handle of an instance that panicked (or was replaced since) is
      // dropped without calling into it.
      if (!crashed && this.instance === instance) {
        this.handle.unmount();
        this.handle.free();
      }
      this.handle = null;
    }
    super.dispose();
  }

  private handle: IMountHandle | null = null;
  private instance = 0;
  private starting = false;
}

/** Read the page facts the Rust side needs from PageConfig. */
/**
 * The path of the document current in JupyterLab's main area (relative to
 * the server's root, without a drive prefix), or '' when none is.
 */
function currentDocumentPath(app: JupyterFrontEnd): string {
  const widget = app.shell.currentWidget as {
    context?: { path?: unknown };
  } | null;
  const path = widget?.context?.path;
  return typeof path === 'string'
    ? app.serviceManager.contents.localPath(path)
    : '';
}

function pageFacts(): IPageFacts {
  return {
    hubPrefix: PageConfig.getOption('hubPrefix'),
    hubHost: PageConfig.getOption('hubHost'),
    hubUser: PageConfig.getOption('hubUser'),
    hubServerUser: PageConfig.getOption('hubServerUser'),
    hubServerName: PageConfig.getOption('hubServerName'),
    token: PageConfig.getOption('token'),
    origin: window.location.origin,
    baseUrl: PageConfig.getOption('baseUrl'),
    accessLevels: accessLevelsEnforced()
  };
}

const plugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description:
    'Invite other JupyterHub users to this server and manage who has access.',
  autoStart: true,
  optional: [ITranslator, ICommandPalette, ISettingRegistry],
  activate: (
    app: JupyterFrontEnd,
    translator: ITranslator | null,
    palette: ICommandPalette | null,
    settingRegistry: ISettingRegistry | null
  ): Promise<void> | void => {
    const trans = (translator ?? nullTranslator).load(DOMAIN);
    if (isInvitee()) {
      keepWorkspaceInPage(app);
    }
    // Only an invitee's page on a server enforcing access levels loads the
    // access watcher. JupyterLab waits for this activation before it opens
    // documents, so the watcher locks a viewer's documents from the first.
    const accessWatched = needsAccessWatch()
      ? import('./access')
          .then(access => access.watchAccess(app, trans))
          .catch(reason =>
            console.error(
              'jupyterlab-user-sharing: the access watcher could not start.',
              reason
            )
          )
      : undefined;
    // Empty until the registry has loaded them: the dialog then uses the
    // defaults, which schema/plugin.json states.
    const settings: ISharingSettings = {};

    if (settingRegistry) {
      settingRegistry
        .load(PLUGIN_ID)
        .then(loaded => {
          const update = () => {
            const lifetime = loaded.get('linkLifetimeSeconds').composite;
            if (typeof lifetime === 'number') {
              settings.linkLifetimeSeconds = lifetime;
            }
            const refresh = loaded.get('autoRefreshSeconds').composite;
            if (typeof refresh === 'number') {
              settings.autoRefreshSeconds = refresh;
            }
            const warnings = loaded.get('showWarnings').composite;
            if (typeof warnings === 'boolean') {
              settings.showWarnings = warnings;
            }
          };
          update();
          loaded.changed.connect(update);
        })
        .catch(reason => {
          console.warn(
            'jupyterlab-user-sharing: settings could not be loaded, using defaults.',
            reason
          );
        });
    }

    const config = (dialog: DialogModule): IDialogConfig => ({
      ...pageFacts(),
      currentPath: currentDocumentPath(app),
      locale: document.documentElement.lang || navigator.language || 'en',
      linkLifetimeSeconds: settings.linkLifetimeSeconds,
      autoRefreshSeconds: settings.autoRefreshSeconds,
      showWarnings: settings.showWarnings,
      strings: dialog.catalogue(trans),
      plural: dialog.pluralFor(trans),
      // Outcomes also go to JupyterLab's notification centre.
      notify: (kind: NoticeKind, message: string): void => {
        if (kind === 'error') {
          Notification.error(message, { autoClose: 8000 });
        } else {
          Notification.success(message, { autoClose: 4000 });
        }
      },
      navigate: (url: string): void => {
        window.location.assign(url);
      },
      onPanic: (): void => {
        crashed = true;
      },
      watchOnline
    });

    // The owner is about to open the dialog: fetch and compile its code,
    // and (once they opened the menu or picked the command) start its hub
    // requests, which the next open takes if it comes within seconds.
    const warm = (lists: boolean): void => {
      loadDialog(app)
        .then(dialog => {
          if (lists && !crashed) {
            dialog.prefetch(config(dialog));
          }
        })
        .catch(() => undefined);
    };
    watchMenu(
      app,
      () => warm(false),
      () => warm(true)
    );
    watchPalette(app, () => warm(true));

    app.commands.addCommand(CommandIDs.open, {
      label: trans.__('Open user sharing menu'),
      caption: trans.__(
        'Invite other users of this JupyterHub to this server and manage who has access'
      ),
      execute: async () => {
        // Start fetching the dialog's code before JupyterLab builds the
        // dialog around it (a failure is reported by the body).
        loadDialog(app).catch(() => undefined);
        const body = new SharingBody(app, trans, config);
        await showDialog({
          title: trans.__('User sharing'),
          body,
          buttons: [Dialog.cancelButton({ label: trans.__('Close') })]
        });
      }
    });

    if (palette) {
      palette.addItem({
        command: CommandIDs.open,
        category: trans.__('User sharing')
      });
    }
    return accessWatched;
  }
};

export default plugin;
