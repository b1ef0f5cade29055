/**
 * The catalogue of the Rust UI's strings. Every one goes through
 * JupyterLab's translator here, so translation tools find them in this file.
 * Keys match the fields of `Strings` in crates/user-sharing-ui/src/strings.rs.
 * Placeholders (%1, %2) are passed through as themselves and filled in Rust.
 */
import { TranslationBundle } from '@jupyterlab/translation';

import type { PluralKey } from './tokens';

export function catalogue(trans: TranslationBundle): Record<string, string> {
  // Passing '%1' and '%2' as arguments keeps the placeholders intact.
  const p1 = '%1';
  const p2 = '%2';
  const p3 = '%3';
  return {
    loading: trans.__('Loading…'),
    needsHub: trans.__(
      'User sharing needs JupyterHub. This JupyterLab is not running on a JupyterHub, so there is no one to share it with.'
    ),
    peopleHeading: trans.__('People with access'),
    noShares: trans.__('No one else has access to this server yet.'),
    columnName: trans.__('User or group'),
    columnGranted: trans.__('Access granted'),
    columnOnline: trans.__('Connected'),
    onlineNow: trans.__('Online now'),
    noOwnShare: trans.__(
      'No share: an admin, a member of a shared group, or just revoked'
    ),
    groupEntry: trans.__('%1 (group)', p1),
    tableCaption: trans.__('Users and groups who can open this server'),
    updating: trans.__('Updating from the hub…'),
    pagesLabel: trans.__('Pages of the list'),
    pageRange: trans.__('%1–%2 of %3', p1, p2, p3),
    previousPage: trans.__('Previous'),
    nextPage: trans.__('Next'),
    filterLabel: trans.__('Find a user or group'),
    noMatch: trans.__('No user or group matches “%1”.', p1),
    invitee: trans.__(
      'This server belongs to %1 and was shared with you. Only %1 can manage who has access.',
      p1
    ),
    leaveServer: trans.__('Leave this server'),
    confirmLeave: trans.__(
      "Leave %1's server? Your access ends now; only a new invitation from %1 brings you back.",
      p1
    ),
    confirmLeaveYes: trans.__('Leave'),
    leaving: trans.__('Leaving…'),
    leftServer: trans.__(
      "You no longer have access to %1's server. Taking you to the hub's home page…",
      p1
    ),
    leaveNoShare: trans.__(
      'You cannot leave this server yourself: your access comes through a group, or it has already ended. Only %1 can remove a group\'s access.',
      p1
    ),
    leaveNotAllowed: trans.__(
      'This hub does not let you leave shared servers yourself. Ask %1 or your hub administrator to remove your access.',
      p1
    ),
    leaveFailed: trans.__('Could not leave this server. %1', p1),
    refresh: trans.__('Refresh'),
    retry: trans.__('Try again'),
    reloadPage: trans.__('Reload page'),
    stale: trans.__(
      'The list below may be out of date: it is the last one loaded.'
    ),
    grantedAt: trans.__('%1 (%2)', p1, p2),
    linksHeading: trans.__('Invite links'),
    generateLink: trans.__('Generate invite link'),
    linkLifetimeLabel: trans.__('Valid for'),
    copyLink: trans.__('Copy link'),
    linkCopied: trans.__('Link copied to the clipboard.'),
    copyFailed: trans.__(
      'The link could not be copied. It is selected in its field: copy it with the keyboard.'
    ),
    linkLabel: trans.__('Invite link'),
    linksCaption: trans.__('Invite links of this server, newest first'),
    columnCreated: trans.__('Created'),
    columnExpires: trans.__('Expires'),
    columnUses: trans.__('Uses'),
    columnLastUsed: trans.__('Last used'),
    neverUsed: trans.__('Not yet'),
    timeAndRelative: trans.__('%1 (%2)', p1, p2),
    shareWithLabel: trans.__('Share with a user or group'),
    granteeKind: trans.__('The name is of a'),
    kindUser: trans.__('User'),
    kindGroup: trans.__('Group'),
    shareButton: trans.__('Share'),
    nameNeeded: trans.__(
      'Type the name of a user or group of this hub, then press Share.'
    ),
    ownServer: trans.__('This is your own server: you have access already.'),
    sharedUser: trans.__(
      '%1 can now open this server. The hub does not tell them: send them its address, %2',
      p1,
      p2
    ),
    sharedGroup: trans.__(
      "The hub now lists the group %1. Note that this JupyterHub does not let a group's members open a shared server from their browser: share with each member by name, or send them an invite link.",
      p1
    ),
    hadAccess: trans.__('%1 already had access to this server.', p1),
    noSuchUser: trans.__(
      'There is no user %1 on this hub. Check the spelling: user names are usually lowercase.',
      p1
    ),
    noSuchGroup: trans.__(
      'There is no group %1 on this hub. Check the spelling.',
      p1
    ),
    cannotLookUpUsers: trans.__(
      'This hub does not let you share with users by name. Send an invite link instead, or ask your hub administrator to allow sharing by name.'
    ),
    cannotLookUpGroups: trans.__(
      'This hub does not let you share with groups by name. Send an invite link instead, or ask your hub administrator to allow sharing by name.'
    ),
    shareFailed: trans.__('Could not share with %1. %2', p1, p2),
    openAfterAccepting: trans.__('Open %1 after accepting', p1),
    revokeLink: trans.__('Revoke link'),
    revokeLinkLabel: trans.__('Revoke the link created %1', p1),
    linksFullUrlNote: trans.__(
      'The hub shows a link only once, when it is made: only links made in this window can be copied.'
    ),
    linkExpires: trans.__(
      'Valid until %1 (%2). Anyone on this hub who has this link can use it until then.',
      p1,
      p2
    ),
    linkExpired: trans.__('This link has expired.'),
    activeLinksNone: trans.__('There are no active invite links.'),
    revokeLinks: trans.__('Revoke all share links'),
    confirmRevokeLinks: trans.__(
      'Revoke every invite link of this server? People who already accepted keep their access.'
    ),
    linksRevoked: trans.__(
      'All invite links were revoked; they no longer work.'
    ),
    linkRevoked: trans.__('The invite link was revoked; it no longer works.'),
    columnAction: trans.__('Action'),
    revoke: trans.__('Revoke'),
    revokeLabel: trans.__('Revoke access of %1', p1),
    revokeAll: trans.__('Revoke All users'),
    confirmRevokeAll: trans.__(
      'Revoke the access of every user and group listed here?'
    ),
    confirmYes: trans.__('Yes, revoke'),
    confirmNo: trans.__('Cancel'),
    shareRevoked: trans.__(
      'Access of %1 was revoked. Pages they already have open can keep working for a few minutes.',
      p1
    ),
    nothingRevoked: trans.__(
      'Nothing was revoked: JupyterHub did not recognise %1 (renamed?) and still lists that access. Revoke it in the refreshed list.',
      p1
    ),
    allRevoked: trans.__(
      "Everyone's access was revoked. Pages they already have open can keep working for a few minutes."
    ),
    shareEnded: trans.__(
      'Access of %1 was revoked and ended at once, open kernels, terminals and documents included.',
      p1
    ),
    allEnded: trans.__(
      "Everyone's access was revoked and ended at once, open kernels, terminals and documents included."
    ),
    generateFailed: trans.__('The invite link could not be created. %1', p1),
    revokeLinksFailed: trans.__(
      'The invite links could not be revoked. %1',
      p1
    ),
    revokeLinkFailed: trans.__('The invite link could not be revoked. %1', p1),
    linkAlreadyGone: trans.__(
      'That invite link had already expired or been revoked.'
    ),
    revokeFailed: trans.__('The access of %1 could not be revoked. %2', p1, p2),
    revokeAllFailed: trans.__('Access could not be revoked. %1', p1),
    warningsSummary: trans.__(
      'Before you share: what invitees can do, and how links and revoking work'
    ),
    warningFiles: trans.__(
      'Everyone you share with can open, change and delete every file on this server and run code in it. Do not keep secrets (passwords, keys, tokens) here while it is shared.'
    ),
    warningLinks: trans.__(
      'An invite link works for anyone on this hub who has it, as many times as they like, until it expires or you revoke it.'
    ),
    warningRevocation: trans.__(
      'A revoked user may keep access for a few minutes, and kernels they opened keep running, until you stop the server (File -> Hub Control Panel). Stopping the server ends everyone\'s access.'
    ),
    inviteesCan: trans.__('Invitees can'),
    levelEdit: trans.__('Edit and run code'),
    levelView: trans.__('View only'),
    accessEnds: trans.__('Access ends'),
    endsWhenServerStops: trans.__('When the server stops'),
    endsAfter: trans.__('%1 after accepting', p1),
    columnAccess: trans.__('Access'),
    canEdit: trans.__('Can edit and run'),
    canView: trans.__('Can view'),
    warningRevocationAtOnce: trans.__(
      'When you revoke someone here, this server ends their access at once, open kernels, terminals and documents included. People invited View only cannot change files or run code: the server refuses.'
    ),
    warningFilesLevels: trans.__(
      'People invited to Edit and run code can open, change and delete every file on this server and run code in it; people invited View only can open, read and download every file. Do not keep secrets (passwords, keys, tokens) here while it is shared.'
    ),
    lifetimeInvalid: trans.__(
      'The invite link lifetime setting (%1 seconds) is outside what JupyterHub accepts (1 minute to 1 year). Change it in Settings -> User sharing.',
      p1
    ),
    hubTooOld: trans.__(
      'This JupyterHub (version %1) is too old for user sharing: it needs JupyterHub 5 or newer. Ask your hub administrator to upgrade.',
      p1
    ),
    hubUnpatched: trans.__(
      "This JupyterHub (version %1) lacks the security fixes of 5.4.5 and 5.5.1 for invitations: a link could run someone else's code in the browser of whoever opens it. Ask your hub administrator to upgrade before you share.",
      p1
    ),
    missingScope: trans.__(
      'This hub does not allow JupyterLab to manage sharing yet. Ask your hub administrator to add these lines to jupyterhub_config.py and restart your server:'
    ),
    errorNetwork: trans.__(
      'Could not reach JupyterHub. Check your network connection, then try again.'
    ),
    errorTimeout: trans.__(
      'JupyterHub did not answer in time. Try again in a moment.'
    ),
    errorNotJson: trans.__(
      'JupyterHub answered with a web page instead of data; your session has probably expired. Reload the page to log in again.'
    ),
    errorNoHubRoute: trans.__(
      'JupyterHub\'s API does not answer on this server\'s own address. Ask your hub administrator to keep JupyterHub.hub_routespec at its default, "/".'
    ),
    errorInvalidCredentials: trans.__(
      'Your JupyterHub session has expired or is not valid. Reload the page to log in again.'
    ),
    errorMissingScope: trans.__(
      'This hub does not let you manage sharing from JupyterLab. Ask your hub administrator to enable user sharing. (Hub message: %1)',
      p1
    ),
    errorNotFound: trans.__(
      "JupyterHub could not find this server's sharing settings. The server may have been removed, or the hub may be older than version 5. (Hub message: %1)",
      p1
    ),
    errorBadRequest: trans.__('JupyterHub refused the request: %1', p1),
    errorServer: trans.__(
      'JupyterHub had a problem (HTTP %1). Try again in a moment.',
      p1
    ),
    errorUnexpected: trans.__(
      'JupyterHub gave an unexpected answer (HTTP %1).',
      p1
    ),
    errorMalformed: trans.__("JupyterHub's answer could not be read: %1", p1),
    errorConfig: trans.__('The user sharing dialog could not start: %1', p1),
    errorInternal: trans.__(
      'The user sharing dialog hit an internal error: %1. Reload the page to use it again; if it happens again, please report it.',
      p1
    )
  };
}

/** Plural-aware phrases, selected by key from Rust. */
export function pluralFor(
  trans: TranslationBundle
): (key: PluralKey, n: number, ...args: string[]) => string {
  // `%1` is `n`; `%2`, `%3`, ... are `args` (numbers already formatted)
  return (key: PluralKey, n: number, ...args: string[]): string => {
    switch (key) {
      case 'activeLinks':
        return trans._n(
          '%1 active invite link.',
          '%1 active invite links.',
          n
        );
      case 'timesAccepted':
        return trans._n(
          'Accepted %1 time in all.',
          'Accepted %1 times in all.',
          n
        );
      case 'seconds':
        return trans._n('%1 second', '%1 seconds', n);
      case 'minutes':
        return trans._n('%1 minute', '%1 minutes', n);
      case 'hours':
        return trans._n('%1 hour', '%1 hours', n);
      case 'days':
        return trans._n('%1 day', '%1 days', n);
      case 'weeks':
        return trans._n('%1 week', '%1 weeks', n);
      case 'loadingPeople':
        return trans._n('Loading %2 of %3…', 'Loading %2 of %3…', n, ...args);
      case 'partialSearch':
        return trans._n(
          'Search and pages cover the %2 user or group loaded so far, not yet everyone.',
          'Search and pages cover the %2 users and groups loaded so far, not yet everyone.',
          n,
          ...args
        );
      default: {
        // every key is handled above: tsc fails here if one is not
        const unhandled: never = key;
        void unhandled;
        return String(n);
      }
    }
  };
}
