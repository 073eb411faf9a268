import type { StationInfo } from '@src/domain/charger/types'
import { asc, count, eq, type SQL, sql } from 'drizzle-orm'
import { assignments, type BoundStatement, compile, placeholders } from '../bound'
import type { Db } from '../client'
import { chargerEvents, chargers, connectors, driverKeys } from '../schema'
import { type ChargerListPage, type ChargerListQuery, listChargers } from './charger-list'

export type { ChargerListPage, ChargerListQuery } from './charger-list'

/** A stored charger row. */
export type ChargerRow = typeof chargers.$inferSelect
/** A stored connector row. */
export type ConnectorRow = typeof connectors.$inferSelect

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
  readonly #find
  readonly #connectorsOf

  constructor(private readonly db: Db) {
    this.#find = db
      .select()
      .from(chargers)
      .where(eq(chargers.id, sql.placeholder('id')))
      .prepare()
    this.#connectorsOf = db
      .select()
      .from(connectors)
      .where(eq(connectors.chargerId, sql.placeholder('chargerId')))
      .orderBy(asc(connectors.evseId), asc(connectors.connectorId))
      .prepare()
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
    return this.#find.get({ id })
  }

  findMany(ids: string[]): Promise<ChargerRow[]> {
    if (ids.length === 0) return Promise.resolve([])
    return this.db.select().from(chargers).where(sql`${chargers.id} in ${ids}`)
  }

  /** A page of the chargers list: see {@link listChargers}. */
  list(q: ChargerListQuery): Promise<ChargerListPage> {
    return listChargers(this.db, q)
  }

  /**
   * Counts for the dashboard: a quick count of the table and a range of the online index; `within`
   * (the caller's scope as a condition, `inScope`) counts only its organizations' chargers.
   */
  async counts(within?: SQL): Promise<{ total: number; online: number }> {
    if (within) {
      const [row] = await this.db
        .select({ total: count(), online: sql<number>`coalesce(sum(${chargers.online}), 0)` })
        .from(chargers)
        .where(within)
      return { total: Number(row?.total ?? 0), online: Number(row?.online ?? 0) }
    }
    const [row] = await this.db
      .select({
        total: sql<number>`(select count(*) from ${chargers})`,
        online: sql<number>`(select count(*) from ${chargers} where ${chargers.online} = 1)`,
      })
      .from(sql`(select 1)`)
    return { total: Number(row?.total ?? 0), online: Number(row?.online ?? 0) }
  }

  connectorsOf(chargerId: string): Promise<ConnectorRow[]> {
    return this.#connectorsOf.all({ chargerId })
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

  /**
   * Creates a charger, or updates its label/registration (and owner, when given) if it exists. A new
   * charger without an `organizationId` is the platform's.
   */
  upsert(v: {
    id: string
    label?: string | null
    registration?: string
    organizationId?: string
    now: number
  }) {
    const set: Partial<ChargerRow> = { updatedAt: v.now }
    if (v.label !== undefined) set.label = v.label
    if (v.registration !== undefined) set.registration = v.registration
    if (v.organizationId !== undefined) set.organizationId = v.organizationId
    return this.db
      .insert(chargers)
      .values({
        id: v.id,
        label: v.label ?? null,
        registration: v.registration ?? 'Accepted',
        ...(v.organizationId === undefined ? {} : { organizationId: v.organizationId }),
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

  /** The secret of the charger's driver QR codes, if one was made. */
  async driverKey(chargerId: string): Promise<string | undefined> {
    const [row] = await this.db
      .select({ key: driverKeys.key })
      .from(driverKeys)
      .where(eq(driverKeys.chargerId, chargerId))
    return row?.key
  }

  /** Stores the charger's QR secret unless it has one (two first prints race to the same key). */
  addDriverKey(chargerId: string, key: string, now: number) {
    return this.db.insert(driverKeys).values({ chargerId, key, createdAt: now }).onConflictDoNothing()
  }
}
