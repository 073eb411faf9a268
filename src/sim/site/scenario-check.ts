import { IEC_MIN_PILOT_A } from '@src/sim/pilot-follower'
import type { ScenarioFuse, SiteScenario } from './types'

/**
 * What is wrong with a scenario, in words; empty when it is sound: every visit on a known charger,
 * inside the scenario, not overlapping another on the same charger, asking no more than its battery
 * holds; cars with IEC 61851 minimums; every charger on exactly one fuse.
 */
export function scenarioProblems(s: SiteScenario): string[] {
  const problems: string[] = []
  const chargers = new Map(s.chargers.map((c) => [c.id, c]))
  if (chargers.size !== s.chargers.length) problems.push('charger ids repeat')
  for (const c of s.chargers) {
    if (c.wiring.length < 1 || c.wiring.length > 3)
      problems.push(`${c.id}: wiring of ${c.wiring.length} phases`)
    if (!(c.meterIntervalS >= 1) || !(c.applyLatencyS >= 0))
      problems.push(`${c.id}: meter interval or latency`)
    for (const d of c.linkDown ?? []) if (!(d.fromS < d.toS)) problems.push(`${c.id}: empty link drop`)
  }
  const fed = new Map<string, number>()
  const walk = (f: ScenarioFuse) => {
    for (const id of f.chargerIds ?? []) fed.set(id, (fed.get(id) ?? 0) + 1)
    for (const child of f.children ?? []) walk(child)
  }
  walk(s.main)
  for (const c of s.chargers)
    if (fed.get(c.id) !== 1) problems.push(`${c.id}: on ${fed.get(c.id) ?? 0} fuses`)
  const ids = new Set<string>()
  const lastLeft = new Map<string, number>()
  for (const v of [...s.visits].sort((a, b) => a.arrivalS - b.arrivalS)) {
    const where = `visit ${v.id}`
    if (ids.has(v.id)) problems.push(`${where}: id repeats`)
    ids.add(v.id)
    if (!chargers.has(v.chargerId)) problems.push(`${where}: unknown charger ${v.chargerId}`)
    if (!(v.arrivalS >= 0 && v.arrivalS < v.departureS && v.departureS <= s.durationS))
      problems.push(`${where}: outside the scenario or leaves before it comes`)
    if ((lastLeft.get(v.chargerId) ?? -1) > v.arrivalS) problems.push(`${where}: overlaps the visit before`)
    lastLeft.set(v.chargerId, v.departureS)
    if (!(v.needWh > 0 && v.needWh <= v.car.batteryWh)) problems.push(`${where}: need outside (0, battery]`)
    const car = v.car
    if (car.minA < IEC_MIN_PILOT_A || car.maxA < car.minA)
      problems.push(`${where}: car limits ${car.minA}–${car.maxA} A`)
    if (!(car.responseDelayS >= 0 && car.rampUpAps > 0 && car.underPilotA >= 0))
      problems.push(`${where}: car reflexes`)
    if (!(car.taperFromShare > 0 && car.taperFromShare <= 1)) problems.push(`${where}: taper share`)
    if (v.told.kind === 'told' && !Number.isFinite(v.told.atS))
      problems.push(`${where}: told departure not a number`)
  }
  return problems
}
