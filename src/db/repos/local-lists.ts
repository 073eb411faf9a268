import type { LocalListEntry } from '@src/domain/charger/commands'
import { and, asc, eq, sql } from 'drizzle-orm'
import type { BoundStatement } from '../bound'
import type { Db } from '../client'
import { chargers, deviceVariables, localListEntries, localLists } from '../schema'

/** Entries per insert statement (five values each, well under SQLite's limit on bound values). */
const ENTRIES_PER_INSERT = 500

/**
 * The columns of `local_lists` this repository reads and writes. `pending_version`, `dropped` and
 * `next_change_at` exist (migration 0008) but are not used yet: the service keeps them in memory for
 * the chargers it serves, so a restarted node learns them again at the next connect.
 */
const stored = {
  chargerId: localLists.chargerId,
  version: localLists.version,
  maxEntries: localLists.maxEntries,
  wantedHash: localLists.wantedHash,
  sentHash: localLists.sentHash,
  sentAt: localLists.sentAt,
  lastStatus: localLists.lastStatus,
  updatedAt: localLists.updatedAt,
}

/** A charger's local-list bookkeeping row (the stored columns). */
export interface LocalListRow {
  chargerId: string
  /** The version the charger acknowledged; 0: none. */
  version: number
  maxEntries: number | null
  wantedHash: string | null
  sentHash: string | null
  sentAt: number | null
  lastStatus: string | null
  updatedAt: number
}

const columnOf: Record<keyof LocalListChange, string> = {
  version: 'version',
  maxEntries: 'max_entries',
  wantedHash: 'wanted_hash',
  sentHash: 'sent_hash',
  sentAt: 'sent_at',
  lastStatus: 'last_status',
}

/** The row of a charger that never had a list: version 0, nothing sent. */
export const NO_LIST = (chargerId: string, now: number): LocalListRow => ({
  chargerId,
  version: 0,
  maxEntries: null,
  wantedHash: null,
  sentHash: null,
  sentAt: null,
  lastStatus: null,
  updatedAt: now,
})

/** The fields of a list row the service changes. */
export type LocalListChange = Partial<Omit<LocalListRow, 'chargerId' | 'updatedAt'>>

/**
 * Chargers' local lists as sent and acknowledged (`local_lists`, `local_list_entries`), and the
 * lookups the local-list service plans with. Unscoped: the service works for chargers, not callers.
 */
export class LocalListsRepo {
  readonly #find
  readonly #entries
  readonly #connection

  constructor(private readonly db: Db) {
    const charger = sql.placeholder('chargerId')
    this.#find = db.select(stored).from(localLists).where(eq(localLists.chargerId, charger)).prepare()
    this.#entries = db
      .select()
      .from(localListEntries)
      .where(eq(localListEntries.chargerId, charger))
      .orderBy(asc(localListEntries.idTag))
      .prepare()
    this.#connection = db
      .select({ protocol: chargers.protocol, online: chargers.online, nodeId: chargers.nodeId })
      .from(chargers)
      .where(eq(chargers.id, charger))
      .prepare()
  }

  /** A charger's row, or undefined before its first list. */
  async find(chargerId: string): Promise<LocalListRow | undefined> {
    const [row] = await this.#find.all({ chargerId })
    return row
  }

  /** The entries a charger acknowledged, by id. */
  async entries(chargerId: string): Promise<LocalListEntry[]> {
    const rows = await this.#entries.all({ chargerId })
    return rows.map((r) => ({
      idTag: r.idTag,
      status: r.status as LocalListEntry['status'],
      ...(r.expiresAt === null ? {} : { expiresAt: r.expiresAt }),
      ...(r.groupId === null ? {} : { groupId: r.groupId }),
    }))
  }

  /** Creates or changes a charger's row (a plain statement: it names only the stored columns). */
  save(chargerId: string, change: LocalListChange, now: number): BoundStatement {
    const row = { ...NO_LIST(chargerId, now), ...change, chargerId, updatedAt: now }
    const set = [...(Object.keys(change) as (keyof LocalListChange)[]).map((k) => columnOf[k]), 'updated_at']
    return {
      sql: `INSERT INTO local_lists (charger_id, version, max_entries, wanted_hash, sent_hash, sent_at, last_status, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (charger_id) DO UPDATE SET ${set.map((c) => `${c} = excluded.${c}`).join(', ')}`,
      args: [
        row.chargerId,
        row.version,
        row.maxEntries,
        row.wantedHash,
        row.sentHash,
        row.sentAt,
        row.lastStatus,
        row.updatedAt,
      ],
    }
  }

  /**
   * Replaces the acknowledged entries (with the row's new version, in the same write). Plain
   * statements, not query builders: a flood after one policy change writes a list per charger, and
   * building 60 rows' insert with drizzle cost a millisecond of the event loop each time.
   */
  replaceEntries(chargerId: string, entries: readonly LocalListEntry[]): BoundStatement[] {
    const out: BoundStatement[] = [
      { sql: 'DELETE FROM local_list_entries WHERE charger_id = ?', args: [chargerId] },
    ]
    for (let i = 0; i < entries.length; i += ENTRIES_PER_INSERT) {
      const part = entries.slice(i, i + ENTRIES_PER_INSERT)
      out.push({
        sql: `INSERT INTO local_list_entries (charger_id, id_tag, status, expires_at, group_id) VALUES ${part.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
        args: part.flatMap((e) => [
          chargerId,
          e.idTag,
          e.status ?? 'Accepted',
          e.expiresAt ?? null,
          e.groupId ?? null,
        ]),
      })
    }
    return out
  }

  /**
   * Chargers connected to `nodeId` whose place is in `organizationId` or below it: the charger's own
   * organization, or the organization of a site one of its EVSEs is on.
   */
  async connectedUnder(organizationId: string, nodeId: string): Promise<string[]> {
    const rows = await this.db.all<{ id: string }>(sql`
      WITH RECURSIVE down(id) AS (
        SELECT ${organizationId}
        UNION SELECT o.id FROM organizations o JOIN down ON o.parent_id = down.id
      )
      SELECT c.id FROM chargers c
      WHERE c.online = 1 AND c.node_id = ${nodeId} AND (
        c.organization_id IN (SELECT id FROM down) OR c.id IN (
          SELECT sc.charger_id FROM site_connectors sc JOIN sites s ON s.id = sc.site_id
          WHERE s.organization_id IN (SELECT id FROM down)))
      ORDER BY c.id`)
    return rows.map((r) => r.id)
  }

  /**
   * Chargers connected to `nodeId` that are owed an update (the wanted list differs from the one sent)
   * and have not said they cannot take lists.
   */
  async owed(nodeId: string): Promise<string[]> {
    const rows = await this.db.all<{ id: string }>(sql`
      SELECT l.charger_id AS id FROM local_lists l JOIN chargers c ON c.id = l.charger_id
      WHERE c.online = 1 AND c.node_id = ${nodeId}
        AND (l.last_status IS NULL OR l.last_status <> 'NotSupported')
        AND l.wanted_hash IS NOT l.sent_hash
      ORDER BY l.charger_id`)
    return rows.map((r) => r.id)
  }

  /** A charger's protocol, whether it is connected, and whether to this node. */
  async connection(
    chargerId: string,
    nodeId: string,
  ): Promise<{ protocol: string | null; online: boolean; here: boolean }> {
    const [r] = await this.#connection.all({ chargerId })
    const online = r?.online === true
    return { protocol: r?.protocol ?? null, online, here: online && r?.nodeId === nodeId }
  }

  /** The capacity a 2.0.1 charger reported for its local list (`LocalAuthListCtrlr.Entries` maxLimit), if any. */
  async reportedCapacity(chargerId: string): Promise<number | null> {
    const [row] = await this.db
      .select({ value: deviceVariables.value })
      .from(deviceVariables)
      .where(
        and(
          eq(deviceVariables.chargerId, chargerId),
          eq(deviceVariables.component, 'LocalAuthListCtrlr'),
          eq(deviceVariables.variable, 'Entries'),
          eq(deviceVariables.attributeType, 'MaxSet'),
        ),
      )
    const n = Number(row?.value)
    return row && Number.isInteger(n) && n > 0 ? n : null
  }
}
