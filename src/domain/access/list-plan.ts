import type { LocalListEntry } from '../charger/commands'
import { diffLists } from './list-diff'

/** One SendLocalList message as the service sends it. */
export interface ListMessage {
  version: number
  updateType: 'Full' | 'Differential'
  entries: LocalListEntry[]
}

/** What a charger accepts in one message: entries (1.6 SendLocalListMaxLength, 2.0.1 ItemsPerMessage) and bytes (2.0.1 BytesPerMessage); null: no limit known. */
export interface MessageLimits {
  items: number | null
  bytes: number | null
}

/** The list a charger acknowledged: its version and entries. */
export interface HeldList {
  version: number
  entries: readonly LocalListEntry[]
}

/** Room a message's envelope and the entry's wire names take beyond the entry's own JSON (generous, so an estimate never overshoots a byte limit). */
const ENVELOPE_BYTES = 200
const ENTRY_OVERHEAD_BYTES = 120

/** A conservative estimate of an entry's size on the wire (either version's shape). */
export function entryBytes(e: LocalListEntry): number {
  return JSON.stringify(e).length + ENTRY_OVERHEAD_BYTES
}

/** Splits entries into messages that respect the limits, in order; at least one (possibly empty) part. */
export function splitEntries(entries: readonly LocalListEntry[], limits: MessageLimits): LocalListEntry[][] {
  const parts: LocalListEntry[][] = []
  let part: LocalListEntry[] = []
  let bytes = ENVELOPE_BYTES
  for (const e of entries) {
    const size = entryBytes(e)
    const full =
      (limits.items !== null && part.length >= limits.items) ||
      (limits.bytes !== null && part.length > 0 && bytes + size > limits.bytes)
    if (full) {
      parts.push(part)
      part = []
      bytes = ENVELOPE_BYTES
    }
    part.push(e)
    bytes += size
  }
  parts.push(part)
  return parts
}

/**
 * The messages that bring a charger from what it holds to `wanted`. A Differential update from the
 * held list when the charger holds one and the difference is smaller than the whole list, else a
 * Full list. A list larger than one message allows goes in parts (OCPP 2.0.1 D01: the first part
 * Full, the rest Differential; 1.6 the same): every part carries its own version, strictly
 * increasing from `nextVersion`, so a charger that checks versions accepts each part, and the last
 * part's version is the one the charger holds at the end.
 *
 * @example planUpdate(null, entries, 1, { items: 50, bytes: null }) // 120 entries: Full v1 (50), Differential v2 (50), v3 (20)
 */
export function planUpdate(
  held: HeldList | null,
  wanted: readonly LocalListEntry[],
  nextVersion: number,
  limits: MessageLimits,
): ListMessage[] {
  const diff = held && held.version > 0 ? diffLists(held.entries, wanted) : null
  if (diff && diff.length < wanted.length) {
    return splitEntries(diff, limits).map((entries, i) => ({
      version: nextVersion + i,
      updateType: 'Differential',
      entries,
    }))
  }
  return splitEntries(wanted, limits).map((entries, i) => ({
    version: nextVersion + i,
    updateType: i === 0 ? 'Full' : 'Differential',
    entries,
  }))
}
