import type { ConstraintRow } from '../../../src/domain/power/constraint-set'

/**
 * The Caltech ACN as acnportal models it (`acnsim/network/sites/caltech_acn.py`): 54 EVSEs on the
 * three line pairs of a delta-wye transformer, two 80 A pods, and secondary/primary winding limits
 * that are magnitudes of phasor sums. Station order is acnportal's registration order, which matters
 * because its sorted schedulers break ties by it.
 */
export type Line = 'AB' | 'BC' | 'CA'

const CC_POD = ['CA-322', 'CA-493', 'CA-496', 'CA-320', 'CA-495', 'CA-321', 'CA-323', 'CA-494']
const AV_POD = ['CA-324', 'CA-325', 'CA-326', 'CA-327', 'CA-489', 'CA-490', 'CA-491', 'CA-492']
const ids = (xs: number[]): string[] => xs.map((x) => `CA-${x}`)
const AB = [...ids([308, 508, 303, 513, 310, 506, 316, 500, 318, 498]), ...CC_POD, ...AV_POD]
const BC = [...ids([304, 512, 305, 511, 313, 503, 311, 505, 317, 499]), ...ids([148, 149, 212, 213])]
const CA = ids([307, 509, 309, 507, 306, 510, 315, 501, 319, 497, 312, 504, 314, 502])

/** Phase angle (degrees) of the current of an EVSE on each line pair. */
export const LINE_ANGLE: Readonly<Record<Line, number>> = { AB: 30, BC: -90, CA: 150 }

/** A station of the network: its id and the line pair it sits on. */
export interface Station {
  readonly id: string
  readonly line: Line
}

/** All 54 stations in acnportal's order. */
export const CALTECH_STATIONS: readonly Station[] = [
  ...AB.map((id) => ({ id, line: 'AB' as const })),
  ...BC.map((id) => ({ id, line: 'BC' as const })),
  ...CA.map((id) => ({ id, line: 'CA' as const })),
]

/** Which network the benchmark runs on. */
export type NetworkKind = 'three-phase' | 'aggregate'

/** Voltage of every EVSE (line to line). */
export const ACN_VOLTAGE = 208

type LineWeights = Readonly<Record<Line, number>>

function phasorRow(
  id: string,
  limitA: number,
  weights: LineWeights,
  members?: readonly string[],
): ConstraintRow {
  const only = members ? new Set(members) : undefined
  const terms = CALTECH_STATIONS.flatMap((s, index) => {
    const m = weights[s.line]
    if (m === 0 || (only && !only.has(s.id))) return []
    const rad = (LINE_ANGLE[s.line] * Math.PI) / 180
    return [{ index, re: m * Math.cos(rad), im: m * Math.sin(rad) }]
  })
  return { id, limitA, terms }
}

/**
 * The constraint rows for a transformer of `capacityKw`: pods, secondary `|AB − CA|`… and primary
 * `|(I3a − I3c)/4|`…, exactly as acnportal builds them.
 */
export function caltechThreePhaseRows(capacityKw: number): ConstraintRow[] {
  const secondary = (capacityKw * 1000) / 3 / 120
  const primary = (capacityKw * 1000) / 3 / 277
  const pods = { AB: 1, BC: 0, CA: 0 }
  return [
    phasorRow('CC Pod', 80, pods, CC_POD),
    phasorRow('AV Pod', 80, pods, AV_POD),
    phasorRow('Secondary A', secondary, { AB: 1, BC: 0, CA: -1 }),
    phasorRow('Secondary B', secondary, { AB: -1, BC: 1, CA: 0 }),
    phasorRow('Secondary C', secondary, { AB: 0, BC: -1, CA: 1 }),
    phasorRow('Primary A', primary, { AB: 0.25, BC: 0.25, CA: -0.5 }),
    phasorRow('Primary B', primary, { AB: -0.5, BC: 0.25, CA: 0.25 }),
    phasorRow('Primary C', primary, { AB: 0.25, BC: -0.5, CA: 0.25 }),
  ]
}

/** The aggregate ("single-phase") network: one row, the plain sum of all currents. */
export function aggregateRows(capacityKw: number): ConstraintRow[] {
  const terms = CALTECH_STATIONS.map((_, index) => ({ index, re: 1 }))
  return [{ id: 'Aggregate', limitA: (capacityKw * 1000) / ACN_VOLTAGE, terms }]
}

/** Rows for a network kind at a capacity. */
export function networkRows(kind: NetworkKind, capacityKw: number): ConstraintRow[] {
  return kind === 'three-phase' ? caltechThreePhaseRows(capacityKw) : aggregateRows(capacityKw)
}
