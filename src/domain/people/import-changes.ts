import type { TokenType } from '../charger/tokens'
import type { ImportRow } from './csv-import'

/** What the organization already holds that an import is resolved against. */
export interface ExistingPeople {
  households: readonly { id: string; apartment: string; parkingSpace: string | null }[]
  drivers: readonly {
    id: string
    name: string
    email: string | null
    phone: string | null
    householdId: string | null
  }[]
  /** The organization's own tokens by uid. */
  tokens: ReadonlyMap<string, { type: string; driverId: string | null }>
  /** Drivers' group memberships, as `groupId driverId`. */
  memberships: ReadonlySet<string>
}

/** A driver as an import creates or updates it. */
export interface ImportedDriver {
  id: string
  name: string
  email: string | null
  phone: string | null
  householdId: string | null
}

/** What one row does, for the preview: one line per change; none when everything is as the file says. */
export interface RowChanges {
  line: number
  name: string
  apartment: string | null
  tokenUid: string | null
  changes: string[]
}

/** Every write an import makes, by table, and what each row does. */
export interface ImportChanges {
  households: {
    create: { id: string; apartment: string; parkingSpace: string | null }[]
    update: { id: string; parkingSpace: string }[]
  }
  drivers: { create: ImportedDriver[]; update: ImportedDriver[] }
  tokens: {
    create: { uid: string; type: TokenType; driverId: string }[]
    update: { uid: string; type: TokenType; driverId: string }[]
  }
  memberships: { groupId: string; driverId: string }[]
  rows: RowChanges[]
}

/** How many things an import creates and changes, for the preview and the audit entry. */
export function countChanges(c: ImportChanges) {
  return {
    householdsCreated: c.households.create.length,
    householdsUpdated: c.households.update.length,
    driversCreated: c.drivers.create.length,
    driversUpdated: c.drivers.update.length,
    tokensCreated: c.tokens.create.length,
    tokensUpdated: c.tokens.update.length,
    membershipsAdded: c.memberships.length,
  }
}

/** True when an import would write nothing (a re-import of the same file). */
export const changesNothing = (c: ImportChanges) => Object.values(countChanges(c)).every((n) => n === 0)

const keyOf = (name: string, apartment: string | null) => `${name.toLowerCase()}\u0000${apartment ?? ''}`

/**
 * Resolves planned rows against what exists (pure): households by apartment, drivers by email, else by
 * name and apartment, tokens by uid, memberships by group and driver. Empty cells leave stored values
 * as they are (an import never erases), a driver on several rows takes its fields from the first, and
 * anything already as the file says is left alone, so importing the same file twice writes nothing.
 * Group cells make the row's driver a member.
 */
export function resolveImport(
  rows: readonly ImportRow[],
  existing: ExistingPeople,
  groupNames: ReadonlyMap<string, string>,
  newId: (kind: 'household' | 'driver') => string,
): ImportChanges {
  const out: ImportChanges = {
    households: { create: [], update: [] },
    drivers: { create: [], update: [] },
    tokens: { create: [], update: [] },
    memberships: [],
    rows: [],
  }
  const households = new Map(existing.households.map((h) => [h.apartment, { ...h }]))
  const apartmentOf = new Map(existing.households.map((h) => [h.id, h.apartment]))
  const byEmail = new Map<string, ImportedDriver>()
  const byKey = new Map<string, ImportedDriver>()
  for (const d of existing.drivers) {
    const driver = { ...d }
    if (d.email) byEmail.set(d.email, driver)
    byKey.set(keyOf(d.name, d.householdId ? (apartmentOf.get(d.householdId) ?? null) : null), driver)
  }
  const touched = new Set<string>()
  const members = new Set(existing.memberships)
  const tokens = new Map(existing.tokens)

  for (const row of rows) {
    const changes: string[] = []
    let householdId: string | null = null
    if (row.apartment !== null) {
      let h = households.get(row.apartment)
      if (!h) {
        h = { id: newId('household'), apartment: row.apartment, parkingSpace: row.parkingSpace }
        households.set(row.apartment, h)
        out.households.create.push(h)
        changes.push(`new household ${row.apartment}`)
      } else if (row.parkingSpace !== null && h.parkingSpace !== row.parkingSpace && !touched.has(h.id)) {
        h.parkingSpace = row.parkingSpace
        out.households.update.push({ id: h.id, parkingSpace: row.parkingSpace })
        changes.push(`parking space of ${row.apartment} set to ${row.parkingSpace}`)
      }
      touched.add(h.id)
      householdId = h.id
    }

    const key = keyOf(row.name, row.apartment)
    let driver = (row.email ? byEmail.get(row.email) : undefined) ?? byKey.get(key)
    if (!driver) {
      driver = { id: newId('driver'), name: row.name, email: row.email, phone: row.phone, householdId }
      out.drivers.create.push(driver)
      changes.push(`new driver ${row.name}`)
    } else if (!touched.has(driver.id)) {
      const next = {
        ...driver,
        name: row.name,
        email: row.email ?? driver.email,
        phone: row.phone ?? driver.phone,
        householdId: householdId ?? driver.householdId,
      }
      const changed = (['name', 'email', 'phone', 'householdId'] as const).filter(
        (f) => next[f] !== driver?.[f],
      )
      if (changed.length > 0) {
        Object.assign(driver, next)
        out.drivers.update.push(driver)
        changes.push(`driver ${row.name}: ${changed.join(', ')} changed`)
      }
    }
    touched.add(driver.id)
    if (driver.email) byEmail.set(driver.email, driver)
    byKey.set(key, driver)

    if (row.token) {
      const { uid, type } = row.token
      const stored = tokens.get(uid)
      const wanted = { uid, type, driverId: driver.id }
      if (!stored) {
        out.tokens.create.push(wanted)
        changes.push(`new token ${uid}`)
      } else if (stored.type !== type || stored.driverId !== driver.id) {
        out.tokens.update.push(wanted)
        changes.push(`token ${uid} given to ${row.name}`)
      }
      tokens.set(uid, { type, driverId: driver.id })
    }

    if (row.groupId !== null && !members.has(`${row.groupId} ${driver.id}`)) {
      members.add(`${row.groupId} ${driver.id}`)
      out.memberships.push({ groupId: row.groupId, driverId: driver.id })
      changes.push(`joins ${groupNames.get(row.groupId) ?? row.groupId}`)
    }
    out.rows.push({
      line: row.line,
      name: row.name,
      apartment: row.apartment,
      tokenUid: row.token?.uid ?? null,
      changes,
    })
  }
  return out
}
