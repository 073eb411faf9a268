/**
 * A transaction's energy is the difference between its earliest and its latest energy-register reading.
 * Readings may arrive late, twice, or out of order (2.0.1 offline replays), so the span only ever moves
 * outward in time: the result depends on the set of readings, never on their order, and a duplicate
 * cannot count twice.
 */
export interface RegisterSpan {
  startWh: number | null
  startAt: number | null
  lastWh: number | null
  lastAt: number | null
}

/** An empty span (no reading yet). */
export const emptySpan = (): RegisterSpan => ({ startWh: null, startAt: null, lastWh: null, lastAt: null })

/** The span widened by a reading of `wh` at `at` (pure). */
export function mergeReading(span: RegisterSpan, at: number, wh: number): RegisterSpan {
  const out = { ...span }
  if (out.startAt === null || at < out.startAt) {
    out.startAt = at
    out.startWh = wh
  }
  if (out.lastAt === null || at >= out.lastAt) {
    out.lastAt = at
    out.lastWh = wh
  }
  return out
}

/** Energy delivered over the span in Wh (never negative), or null without two ends. */
export function spanEnergyWh(span: Pick<RegisterSpan, 'startWh' | 'lastWh'>): number | null {
  if (span.startWh === null || span.lastWh === null) return null
  return Math.max(0, span.lastWh - span.startWh)
}

/** The energy of a stored transaction: its final figure once ended, else what the span says so far. */
export function transactionEnergyWh(t: {
  energyWh: number | null
  meterStartWh: number | null
  lastMeterWh: number | null
}): number | null {
  return t.energyWh ?? spanEnergyWh({ startWh: t.meterStartWh, lastWh: t.lastMeterWh })
}

/** True if both spans hold the same readings. */
export function sameSpan(a: RegisterSpan, b: RegisterSpan): boolean {
  return a.startAt === b.startAt && a.startWh === b.startWh && a.lastAt === b.lastAt && a.lastWh === b.lastWh
}
