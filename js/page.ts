/**
 * The cheap facts of PageConfig that decide, at JupyterLab start, whether
 * the access watcher (access.ts, a chunk of its own) is needed at all.
 */
import { PageConfig } from '@jupyterlab/coreutils';

/** The server extension says so in the page config when it is active. */
export function accessLevelsEnforced(): boolean {
  return PageConfig.getOption('userSharingAccessLevels') === 'true';
}

/**
 * Whether this page is an invitee's on a server that enforces access
 * levels: only then does it load and run the access watcher.
 */
export function needsAccessWatch(): boolean {
  const visitor = PageConfig.getOption('hubUser');
  const owner = PageConfig.getOption('hubServerUser');
  return !!visitor && !!owner && visitor !== owner && accessLevelsEnforced();
}
