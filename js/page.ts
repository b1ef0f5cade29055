/**
 * The cheap facts of PageConfig that decide, at JupyterLab start, whether
 * the access watcher (access.ts, a chunk of its own) is needed at all, and
 * what every invitee's page does from the start.
 */
import type { JupyterFrontEnd } from '@jupyterlab/application';
import { PageConfig } from '@jupyterlab/coreutils';

/** The server extension says so in the page config when it is active. */
export function accessLevelsEnforced(): boolean {
  return PageConfig.getOption('userSharingAccessLevels') === 'true';
}

/** Whether this page is an invitee's: a hub user on someone else's server. */
export function isInvitee(): boolean {
  const visitor = PageConfig.getOption('hubUser');
  const owner = PageConfig.getOption('hubServerUser');
  return !!visitor && !!owner && visitor !== owner;
}

/**
 * Whether this page is an invitee's on a server that enforces access
 * levels: only then does it load and run the access watcher.
 */
export function needsAccessWatch(): boolean {
  return isInvitee() && accessLevelsEnforced();
}

/**
 * An invitee's JupyterLab would save its layout into the owner's workspace
 * (`lab/api/workspaces/<id>`), replacing the owner's layout with theirs on
 * the owner's next visit: every invitee's layout stays in their page, with
 * or without access levels. Called at activation, before JupyterLab
 * restores its layout and saves it.
 */
export function keepWorkspaceInPage(app: JupyterFrontEnd): void {
  const workspaces = app.serviceManager.workspaces as unknown as {
    save(id: string, workspace: unknown): Promise<void>;
  };
  workspaces.save = async () => undefined;
}
