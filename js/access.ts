/**
 * What an invitee's JupyterLab says about their access, when the server
 * enforces access levels (the server extension's
 * `GET {baseUrl}user-sharing/api/access`): a notice that the server was
 * shared view only, and one when their access has ended (revoked, or its
 * time was up). The owner's JupyterLab does nothing here; neither does a
 * server without the extension (404).
 */
import { Notification } from '@jupyterlab/apputils';
import { PageConfig, URLExt } from '@jupyterlab/coreutils';
import { TranslationBundle } from '@jupyterlab/translation';

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

export function watchAccess(trans: TranslationBundle): void {
  const visitor = PageConfig.getOption('hubUser');
  const owner = PageConfig.getOption('hubServerUser');
  if (!visitor || !owner || visitor === owner) {
    return;
  }
  const url = URLExt.join(PageConfig.getBaseUrl(), 'user-sharing/api/access');
  const token = PageConfig.getOption('token');
  let toldViewOnly = false;
  const check = async (): Promise<void> => {
    const verdict = await askServer(url, token);
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
