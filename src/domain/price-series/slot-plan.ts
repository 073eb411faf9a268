import { dec } from '../tariffs/decimal'
import type { SpotSlot } from '../tariffs/spot-price'

/** A stored slot as an import sees it: its start, current price and revision. */
export interface StoredSlot {
  from: number
  pricePerKwh: string
  revision: number
}

/** A slot whose price an import changes: its stored price is kept as that revision. */
export interface SlotRevision {
  slot: SpotSlot
  before: StoredSlot
}

/** What an import does: slots new to the series, slots whose price changes, and how many are already so. */
export interface SlotPlan {
  added: SpotSlot[]
  revised: SlotRevision[]
  unchanged: number
}

/**
 * What importing `incoming` into a series holding `stored` does. A slot the series has at the same
 * price (compared as decimals: `0.50` is `0.5`) changes nothing; one at another price is revised, its
 * old price kept as a revision, so a re-import of the same file is a no-op and a corrected file leaves
 * a record of every price a running session could have been shown.
 */
export function planSlots(incoming: readonly SpotSlot[], stored: readonly StoredSlot[]): SlotPlan {
  const byFrom = new Map(stored.map((s) => [s.from, s]))
  const plan: SlotPlan = { added: [], revised: [], unchanged: 0 }
  for (const slot of incoming) {
    const before = byFrom.get(slot.from)
    if (!before) plan.added.push(slot)
    else if (dec(before.pricePerKwh).eq(dec(slot.pricePerKwh))) plan.unchanged++
    else plan.revised.push({ slot, before })
  }
  return plan
}
