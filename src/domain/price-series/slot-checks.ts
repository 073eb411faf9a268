import type { NumberedSlot, RowError } from './plain-csv'

/** The slot lengths a series may have: hourly (Nord Pool until 2025) or quarter-hourly (since). */
export const SLOT_MINUTES = [15, 60] as const
/** A series' slot length in minutes. */
export type SlotMinutes = (typeof SLOT_MINUTES)[number]

/**
 * What is wrong with slots bound for a series of `slotMinutes`, each named by its line: a slot of
 * another length, one not starting on a multiple of its length (in UTC: so slots of one series never
 * overlap), and a start given twice. Empty when every slot may be written.
 *
 * @example checkSlots([{ from, to: from + 900_000, pricePerKwh: '0.5', line: 2 }], 60) // line 2: not 60 minutes
 */
export function checkSlots(slots: readonly NumberedSlot[], slotMinutes: SlotMinutes): RowError[] {
  const length = slotMinutes * 60_000
  const firstLineOf = new Map<number, number>()
  const errors: RowError[] = []
  for (const slot of slots) {
    const first = firstLineOf.get(slot.from)
    if (slot.to - slot.from !== length)
      errors.push({ line: slot.line, message: `a slot of this series is ${slotMinutes} minutes long` })
    else if (slot.from % length !== 0)
      errors.push({
        line: slot.line,
        message: `a ${slotMinutes}-minute slot starts on the ${slotMinutes === 60 ? 'hour' : 'quarter hour'}`,
      })
    else if (first !== undefined) errors.push({ line: slot.line, message: `the same slot as line ${first}` })
    else firstLineOf.set(slot.from, slot.line)
  }
  return errors
}
