import { createHash } from 'node:crypto'
import type { LocalListEntry } from '../charger/commands'

const same = (a: LocalListEntry, b: LocalListEntry): boolean =>
  a.status === b.status && a.expiresAt === b.expiresAt && a.groupId === b.groupId

/**
 * The differential update from `previous` to `next` (OCPP SendLocalList Differential): added and
 * changed entries as they are in `next`, removed ones as an entry with the id only (no status), in
 * id order so the same lists always give the same update.
 */
export function diffLists(
  previous: readonly LocalListEntry[],
  next: readonly LocalListEntry[],
): LocalListEntry[] {
  const before = new Map(previous.map((e) => [e.idTag, e]))
  const after = new Set(next.map((e) => e.idTag))
  const out: LocalListEntry[] = []
  for (const e of next) {
    const old = before.get(e.idTag)
    if (!old || !same(old, e)) out.push(e)
  }
  for (const e of previous) if (!after.has(e.idTag)) out.push({ idTag: e.idTag })
  return out.sort((a, b) => (a.idTag < b.idTag ? -1 : a.idTag > b.idTag ? 1 : 0))
}

/** Applies a differential update as a charger does: an entry without status removes its id. */
export function applyDiff(
  list: readonly LocalListEntry[],
  diff: readonly LocalListEntry[],
): LocalListEntry[] {
  const byId = new Map(list.map((e) => [e.idTag, e]))
  for (const e of diff) {
    if (e.status === undefined) byId.delete(e.idTag)
    else byId.set(e.idTag, e)
  }
  return [...byId.values()]
}

/** A deterministic hash of a list's content (order of entries does not matter): `wanted_hash`/`sent_hash`. */
export function hashList(list: readonly LocalListEntry[]): string {
  const lines = list
    .map((e) => JSON.stringify([e.idTag, e.status ?? null, e.expiresAt ?? null, e.groupId ?? null]))
    .sort()
  return createHash('sha256').update(lines.join('\n')).digest('hex')
}
