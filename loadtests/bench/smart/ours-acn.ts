import type { ConstraintSet } from '../../../src/domain/power/constraint-set'
import { columnGroupIds } from '../../../src/domain/power/fill-scratch'
import { scheduleCurrents } from '../../../src/domain/power/scheduler'
import { type AcnScheduler, PERIOD_MIN } from './acn-sim'
import { ACN_VOLTAGE } from './caltech-network'

const PERIOD_S = PERIOD_MIN * 60
const EVSE_MAX_A = 32

/**
 * Our scheduler on the ACN: the very `scheduleCurrents` the site loop calls, fed with what ACN-Sim
 * tells any scheduler (remaining energy, estimated departure, EV and EVSE maxima). Minimum current is
 * 0 because the ACN's EVSEs are continuous 0–32 A.
 */
export function oursScheduler(set: ConstraintSet): AcnScheduler {
  const n = set.size
  const minA = new Float64Array(n)
  const maxA = new Float64Array(n)
  const evMaxA = new Float64Array(n)
  const remainingAs = new Float64Array(n)
  const timeLeftS = new Float64Array(n)
  const groupOf = columnGroupIds(set)
  return (t, active) => {
    maxA.fill(0)
    remainingAs.fill(0)
    for (const ev of active) {
      const j = ev.station
      evMaxA[j] = (ev.maxPowerKw * 1000) / ACN_VOLTAGE
      maxA[j] = Math.min(EVSE_MAX_A, evMaxA[j]!)
      remainingAs[j] = (ev.remainingKwh * 3.6e6) / ACN_VOLTAGE
      timeLeftS[j] = (ev.estimatedDeparture - t) * PERIOD_S
    }
    const input = { constraints: set, minA, maxA, evMaxA, remainingAs, timeLeftS, groupOf }
    return scheduleCurrents(input, { periodS: PERIOD_S }).currentsA
  }
}
