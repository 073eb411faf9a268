/**
 * Every bus subject is built here, and only here, so names stay consistent across nodes.
 *
 * Ids are encoded so that a `.`, `*`, `>` or whitespace in a charger id cannot change a subject's
 * token structure.
 */

/** Encodes an id as one subject token. */
export function token(id: string): string {
  return id.replace(/[%.*> \t\r\n]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
}

/** Decodes {@link token}. */
export function untoken(tok: string): string {
  return tok.replace(/%([0-9a-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
}

export const subjects = {
  /** Commands to the node that holds a charger's WebSocket (request/reply). */
  chargerCommand: (chargerId: string) => `csms.charger.${token(chargerId)}.command`,
  /** A charger's domain events; `event` is the event's `type` suffix, e.g. `statusChanged`. */
  chargerEvent: (chargerId: string, event: string) => `csms.evt.charger.${token(chargerId)}.${event}`,
  /** Pattern: every event of every charger. */
  allChargerEvents: 'csms.evt.charger.>',
  /** Pattern (local lists): one kind of event of every charger, e.g. `connected`. */
  everyChargerEvent: (event: string) => `csms.evt.charger.*.${event}`,
  /** Pattern: every event of one charger. */
  chargerEvents: (chargerId: string) => `csms.evt.charger.${token(chargerId)}.*`,
  /** A site loop's status, about once a second (payload: `SiteStatus`). */
  siteStatus: (siteId: string) => `csms.evt.site.${token(siteId)}.status`,
  /** Pattern: every site's status. */
  allSiteStatus: 'csms.evt.site.*.status',
  /** A building-meter reading for a site (payload: `{ currentA: [l1, l2, l3], measuredAt }`). */
  siteMeter: (siteId: string) => `csms.site.${token(siteId)}.meter`,
  /** Something the site loop plans with changed (its configuration, a departure): it reloads. */
  siteChanged: (siteId: string) => `csms.site.${token(siteId)}.changed`,
  /** Pattern: every site's `changed`. */
  allSiteChanges: 'csms.site.*.changed',
  /** A site was created or removed: every node re-reads the list of sites. */
  sitesChanged: 'csms.sites.changed',
  /**
   * Who may charge where changed in an organization (a policy, token, driver, household, business
   * account, group or membership; a site's access settings or connectors): the local-list service
   * recompiles the lists of that organization's chargers and those of its descendants (payload:
   * `{ organizationId }`).
   */
  accessChanged: 'csms.access.changed',
  /** display: a charging session's live energy, power and cost (payload: `LiveSession`), throttled per session. */
  sessionUpdated: (transactionId: number) => `csms.evt.session.${transactionId}.updated`,
  /** display: pattern of every session's update. */
  allSessionUpdates: 'csms.evt.session.*.updated',
  /** Tells the node holding a charger's socket to drop it (the charger connected elsewhere). */
  chargerTakeover: (chargerId: string) => `csms.charger.${token(chargerId)}.takeover`,
} as const

/** The site id inside a site's status or `changed` subject (`csms.evt.site.<id>.status`, `csms.site.<id>.changed`). */
export function siteIdOf(subject: string): string {
  const parts = subject.split('.')
  return untoken(parts[parts.length - 2] ?? '')
}

/** The charger id inside a charger subject (`csms.evt.charger.<id>.<event>`). */
export function chargerIdOf(subject: string): string {
  return untoken(subject.split('.')[3] ?? '')
}
