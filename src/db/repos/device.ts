import { and, asc, eq, like, or, sql } from 'drizzle-orm'
import type { Db } from '../client'
import { chargingNeeds, deviceVariables, reservations } from '../schema'

/** A stored device-model attribute. */
export type DeviceVariableRow = typeof deviceVariables.$inferSelect
/** An EV's latest charging needs at an EVSE. */
export type ChargingNeedsRow = typeof chargingNeeds.$inferSelect
/** A reservation. */
export type ReservationRow = typeof reservations.$inferSelect

/** One attribute to store; absent key parts become the "none" values of the primary key. */
export interface VariableInput {
  component: string
  componentInstance?: string
  evseId?: number
  connectorId?: number
  variable: string
  variableInstance?: string
  attributeType?: string
  value?: string | null
  mutability?: string | null
  dataType?: string | null
  unit?: string | null
}

/** The device model, EV charging needs and reservations of chargers. */
export class DeviceRepo {
  constructor(private readonly db: Db) {}

  upsertVariables(chargerId: string, rows: VariableInput[], now: number) {
    const values = rows.map((r) => ({
      chargerId,
      component: r.component,
      componentInstance: r.componentInstance ?? '',
      evseId: r.evseId ?? -1,
      connectorId: r.connectorId ?? -1,
      variable: r.variable,
      variableInstance: r.variableInstance ?? '',
      attributeType: r.attributeType ?? 'Actual',
      value: r.value ?? null,
      mutability: r.mutability ?? null,
      dataType: r.dataType ?? null,
      unit: r.unit ?? null,
      updatedAt: now,
    }))
    return this.db
      .insert(deviceVariables)
      .values(values)
      .onConflictDoUpdate({
        target: [
          deviceVariables.chargerId,
          deviceVariables.component,
          deviceVariables.componentInstance,
          deviceVariables.evseId,
          deviceVariables.connectorId,
          deviceVariables.variable,
          deviceVariables.variableInstance,
          deviceVariables.attributeType,
        ],
        set: {
          value: sqlExcluded('value'),
          mutability: sqlExcluded('mutability'),
          dataType: sqlExcluded('data_type'),
          unit: sqlExcluded('unit'),
          updatedAt: now,
        },
      })
  }

  variables(chargerId: string, search = '', limit = 500): Promise<DeviceVariableRow[]> {
    const match = search
      ? or(like(deviceVariables.component, `%${search}%`), like(deviceVariables.variable, `%${search}%`))
      : undefined
    return this.db
      .select()
      .from(deviceVariables)
      .where(and(eq(deviceVariables.chargerId, chargerId), match))
      .orderBy(asc(deviceVariables.component), asc(deviceVariables.evseId), asc(deviceVariables.variable))
      .limit(limit)
  }

  upsertNeeds(row: ChargingNeedsRow) {
    const { chargerId, evseId, ...rest } = row
    return this.db
      .insert(chargingNeeds)
      .values(row)
      .onConflictDoUpdate({ target: [chargingNeeds.chargerId, chargingNeeds.evseId], set: rest })
  }

  needsOf(chargerId: string): Promise<ChargingNeedsRow[]> {
    return this.db.select().from(chargingNeeds).where(eq(chargingNeeds.chargerId, chargerId))
  }

  createReservation(v: {
    chargerId: string
    evseId: number | null
    idTag: string
    expiresAt: number
    now: number
  }) {
    return this.db
      .insert(reservations)
      .values({
        chargerId: v.chargerId,
        evseId: v.evseId,
        idTag: v.idTag,
        expiresAt: v.expiresAt,
        status: 'Requested',
        createdAt: v.now,
        updatedAt: v.now,
      })
      .returning({ id: reservations.id })
  }

  setReservationStatus(chargerId: string, id: number, status: string, now: number) {
    return this.db
      .update(reservations)
      .set({ status, updatedAt: now })
      .where(and(eq(reservations.id, id), eq(reservations.chargerId, chargerId)))
  }

  findReservation(id: number): Promise<ReservationRow | undefined> {
    return this.db.query.reservations.findFirst({ where: eq(reservations.id, id) })
  }

  reservationsOf(chargerId: string, limit = 20): Promise<ReservationRow[]> {
    return this.db
      .select()
      .from(reservations)
      .where(eq(reservations.chargerId, chargerId))
      .orderBy(asc(reservations.id))
      .limit(limit)
  }
}

/** `excluded.<column>` in an upsert: the value the insert tried to write. */
function sqlExcluded(column: string) {
  return sql.raw(`excluded.${column}`)
}
