import type { StationInfo } from '@src/domain/charger/types'
import { and, asc, count, eq, like, or, sql } from 'drizzle-orm'
import { assignments, type BoundStatement, compile, placeholders } from '../bound'
import type { Db } from '../client'
import { chargerEvents, chargers, connectors } from '../schema'

/** A stored charger row. */
export type ChargerRow = typeof chargers.$inferSelect
/** A stored connector row. */
export type ConnectorRow = typeof connectors.$inferSelect

/** Filters for listing chargers. */
export interface ChargerListQuery {
  search?: string
  online?: boolean
  limit: number
  offset: number
}

const CONNECTOR_COLUMNS = [
  'chargerId',
  'evseId',
  'connectorId',
  'status',
  'errorCode',
  'info',
  'vendorId',
  'vendorErrorCode',
  'statusAt',
  'updatedAt',
] as const
/** What a status notification changes on a connector's row. */
const CONNECTOR_STATE = [
  'status',
  'errorCode',
  'info',
  'vendorId',
  'vendorErrorCode',
  'statusAt',
  'updatedAt',
] as const

/** Chargers, their connectors and their event log. */
export class ChargersRepo {
  readonly #touch
  readonly #upsertConnector

  constructor(private readonly db: Db) {
    this.#touch = compile<{ id: string; lastSeenAt: number }>(
      db
        .update(chargers)
        .set(assignments(['lastSeenAt']))
        .where(eq(chargers.id, sql.placeholder('id'))),
    )
    this.#upsertConnector = compile<ConnectorRow>(
      db
        .insert(connectors)
        .values(placeholders(CONNECTOR_COLUMNS))
        .onConflictDoUpdate({
          target: [connectors.chargerId, connectors.evseId, connectors.connectorId],
          set: assignments(CONNECTOR_STATE),
        }),
    )
  }

  find(id: string): Promise<ChargerRow | undefined> {
    return this.db.query.chargers.findFirst({ where: eq(chargers.id, id) })
  }

  findMany(ids: string[]): Promise<ChargerRow[]> {
    if (ids.length === 0) return Promise.resolve([])
    return this.db.select().from(chargers).where(sql`${chargers.id} in ${ids}`)
  }

  async list(q: ChargerListQuery): Promise<{ rows: ChargerRow[]; total: number }> {
    const where = and(
      q.search ? or(like(chargers.id, `%${q.search}%`), like(chargers.label, `%${q.search}%`)) : undefined,
      q.online === undefined ? undefined : eq(chargers.online, q.online),
    )
    const [rows, [totals]] = await Promise.all([
      this.db.select().from(chargers).where(where).orderBy(asc(chargers.id)).limit(q.limit).offset(q.offset),
      this.db.select({ n: count() }).from(chargers).where(where),
    ])
    return { rows, total: totals?.n ?? 0 }
  }

  /** Counts for the dashboard. */
  async counts(): Promise<{ total: number; online: number }> {
    const [row] = await this.db
      .select({ total: count(), online: sql<number>`coalesce(sum(${chargers.online}), 0)` })
      .from(chargers)
    return { total: row?.total ?? 0, online: Number(row?.online ?? 0) }
  }

  connectorsOf(chargerId: string): Promise<ConnectorRow[]> {
    return this.db
      .select()
      .from(connectors)
      .where(eq(connectors.chargerId, chargerId))
      .orderBy(asc(connectors.evseId), asc(connectors.connectorId))
  }

  /** Connector rows of many chargers at once (list pages). */
  connectorsOfMany(ids: string[]): Promise<ConnectorRow[]> {
    if (ids.length === 0) return Promise.resolve([])
    return this.db.select().from(connectors).where(sql`${connectors.chargerId} in ${ids}`)
  }

  recentEvents(chargerId: string, limit: number) {
    return this.db
      .select()
      .from(chargerEvents)
      .where(eq(chargerEvents.chargerId, chargerId))
      .orderBy(sql`${chargerEvents.at} desc, ${chargerEvents.id} desc`)
      .limit(limit)
  }

  /** Creates a charger, or updates its label/registration if it exists. */
  upsert(v: { id: string; label?: string | null; registration?: string; now: number }) {
    const set: Partial<ChargerRow> = { updatedAt: v.now }
    if (v.label !== undefined) set.label = v.label
    if (v.registration !== undefined) set.registration = v.registration
    return this.db
      .insert(chargers)
      .values({
        id: v.id,
        label: v.label ?? null,
        registration: v.registration ?? 'Accepted',
        createdAt: v.now,
        updatedAt: v.now,
      })
      .onConflictDoUpdate({ target: chargers.id, set })
  }

  setPasswordHash(id: string, hash: string | null, now: number) {
    return this.db.update(chargers).set({ passwordHash: hash, updatedAt: now }).where(eq(chargers.id, id))
  }

  recordBoot(id: string, info: StationInfo, now: number) {
    return this.db
      .update(chargers)
      .set({
        vendor: info.vendor,
        model: info.model,
        serialNumber: info.serialNumber ?? null,
        firmwareVersion: info.firmwareVersion ?? null,
        iccid: info.iccid ?? null,
        imsi: info.imsi ?? null,
        meterType: info.meterType ?? null,
        meterSerialNumber: info.meterSerialNumber ?? null,
        lastBootAt: now,
        lastSeenAt: now,
        updatedAt: now,
      })
      .where(eq(chargers.id, id))
  }

  setOnline(id: string, v: { online: boolean; nodeId: string | null; protocol?: string; now: number }) {
    const set: Partial<ChargerRow> = {
      online: v.online,
      nodeId: v.nodeId,
      lastSeenAt: v.now,
      updatedAt: v.now,
    }
    if (v.protocol) set.protocol = v.protocol
    return this.db.update(chargers).set(set).where(eq(chargers.id, id))
  }

  touch(id: string, now: number): BoundStatement {
    return this.#touch({ id, lastSeenAt: now })
  }

  /** At boot: this node holds no sockets yet, so none of the chargers it held are online. */
  markNodeOffline(nodeId: string) {
    return this.db.update(chargers).set({ online: false, nodeId: null }).where(eq(chargers.nodeId, nodeId))
  }

  /** At boot of a single node (no cluster): nobody holds any socket. */
  markAllOffline() {
    return this.db.update(chargers).set({ online: false, nodeId: null }).where(eq(chargers.online, true))
  }

  upsertConnector(v: Omit<ConnectorRow, 'updatedAt'> & { now: number }): BoundStatement {
    const { now, ...row } = v
    return this.#upsertConnector({ ...row, updatedAt: now })
  }

  logEvent(chargerId: string, at: number, kind: string, payload: unknown) {
    return this.db.insert(chargerEvents).values({ chargerId, at, kind, payload })
  }
}
