import type { PerPhase } from '@src/domain/power/site'

/** A peak of building load around a time of day (a Gaussian bump). */
export interface LoadPeak {
  /** Hour of day of the peak's centre, local time, e.g. 18.5 for 18:30. */
  readonly hour: number
  /** Standard deviation of the bump (hours). */
  readonly widthH: number
  /** Extra current at the centre, per phase (A). */
  readonly extraA: PerPhase
}

/**
 * The non-EV load of a building over a day, per phase: a base (night) load, a daytime plateau and
 * peaks. Phases differ, as they do in real buildings (ovens and washing machines land on one phase).
 */
export interface BaseLoadProfile {
  /** The load at night (A per phase). */
  readonly baseA: PerPhase
  /** Extra load between 07:00 and 22:00 (A per phase), with soft edges. */
  readonly dayA: PerPhase
  readonly peaks: readonly LoadPeak[]
  /** Offset of local time from UTC, in minutes (e.g. 60 for CET). */
  readonly utcOffsetMinutes: number
}

/**
 * A housing co-op of about 30 flats behind a 3 × 100 A main fuse: ~12 A at night, a morning peak at
 * 07:30 and a larger evening peak at 18:30 (cooking, washing), unevenly spread over the phases.
 */
export const HOUSING_COOP_PROFILE: BaseLoadProfile = {
  baseA: [12, 10, 11],
  dayA: [8, 6, 7],
  peaks: [
    { hour: 7.5, widthH: 1, extraA: [18, 12, 15] },
    { hour: 18.5, widthH: 1.5, extraA: [40, 28, 34] },
  ],
  utcOffsetMinutes: 60,
}

/** An office: low at night, high on a working day's hours, a lunch bump. */
export const OFFICE_PROFILE: BaseLoadProfile = {
  baseA: [8, 8, 8],
  dayA: [25, 22, 24],
  peaks: [{ hour: 12, widthH: 1, extraA: [12, 10, 14] }],
  utcOffsetMinutes: 60,
}

const HOUR_MS = 3_600_000

/**
 * The building's load per phase at `time` (epoch ms), in amperes. Pure and smooth: the same time gives
 * the same load, with no jumps, so it can feed a power-allocation test directly.
 *
 * @example
 * buildingLoadA(Date.parse('2026-01-15T17:30:00Z'), HOUSING_COOP_PROFILE) // ≈ [60, 44, 52] at 18:30 CET
 */
export function buildingLoadA(time: number, profile: BaseLoadProfile): PerPhase {
  const hour = localHour(time, profile.utcOffsetMinutes)
  const day = dayShare(hour)
  const load = [0, 1, 2].map((p) => {
    let a = (profile.baseA[p] ?? 0) + day * (profile.dayA[p] ?? 0)
    for (const peak of profile.peaks) a += (peak.extraA[p] ?? 0) * bump(hour, peak.hour, peak.widthH)
    return Math.round(a * 10) / 10
  })
  return [load[0] ?? 0, load[1] ?? 0, load[2] ?? 0]
}

/** Hour of day (0..24, fractional) in the profile's local time. */
function localHour(time: number, utcOffsetMinutes: number): number {
  const local = time + utcOffsetMinutes * 60_000
  return (((local % (24 * HOUR_MS)) + 24 * HOUR_MS) % (24 * HOUR_MS)) / HOUR_MS
}

/** 0 at night, 1 during the day, with one-hour ramps at 06:30–07:30 and 21:30–22:30. */
function dayShare(hour: number): number {
  const ramp = (x: number) => Math.min(1, Math.max(0, x))
  return Math.min(ramp(hour - 6.5), ramp(22.5 - hour))
}

/** A Gaussian bump around `centre`, wrapping around midnight. */
function bump(hour: number, centre: number, width: number): number {
  const d = Math.min(Math.abs(hour - centre), 24 - Math.abs(hour - centre))
  return Math.exp(-(d * d) / (2 * width * width))
}
