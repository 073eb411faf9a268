import type { PerPhase } from '@src/domain/power'
import type { Rng } from '@src/sim/prng'
import { ROTATIONS } from './site-layout'
import type { DepartureInfo, ScenarioVisit, SiteScenario } from './types'

/** A scenario turned against the loop, renamed and marked adversarial. */
function adversarial(base: SiteScenario, suffix: string, description: string): SiteScenario {
  return { ...base, name: `${base.name}-${suffix}`, description, kind: 'adversarial' }
}

/**
 * Every car single-phase and every wallbox wired alike: the whole car park lands on L1 while L2 and L3
 * idle. A single-phase car keeps its model's current (a 3 × 16 A car becomes a 1 × 16 A one).
 */
export function allOnOnePhase(base: SiteScenario): SiteScenario {
  return {
    ...adversarial(base, 'one-phase', `${base.description}; every car single-phase on L1`),
    chargers: base.chargers.map((c) => ({ ...c, wiring: ROTATIONS[0]! })),
    visits: base.visits.map((v) => ({ ...v, car: { ...v.car, phases: 1 } })),
  }
}

/**
 * The building jumps by `stepA` on every phase from `fromS` for `forS` seconds (an electric boiler
 * taking over from district heating, a snow-melting system switching on) and drops back.
 */
export function buildingJump(base: SiteScenario, fromS: number, forS: number, stepA: number): SiteScenario {
  const inner = base.building
  const at = (s: number): PerPhase => {
    const a = inner.at(s)
    return s >= fromS && s < fromS + forS ? [a[0] + stepA, a[1] + stepA, a[2] + stepA] : a
  }
  return {
    ...adversarial(
      base,
      'building-jump',
      `${base.description}; the building jumps ${stepA} A for ${forS / 60} min`,
    ),
    building: { at, readIntervalS: inner.readIntervalS },
  }
}

/**
 * Drivers who give bad departures: a third tell one 2–6 h off either way, a third one already in the
 * past (before they even plugged in), a third none at all.
 */
export function badDepartures(base: SiteScenario, rng: Rng): SiteScenario {
  const wrong = (v: ScenarioVisit): DepartureInfo => {
    const r = rng.next()
    if (r < 1 / 3)
      return { kind: 'told', atS: v.departureS + (rng.next() < 0.5 ? -1 : 1) * rng.uniform(2, 6) * 3600 }
    if (r < 2 / 3) return { kind: 'told', atS: v.arrivalS - rng.uniform(600, 12 * 3600) }
    return { kind: 'none' }
  }
  return {
    ...adversarial(
      base,
      'bad-departures',
      `${base.description}; departures told hours off, in the past, or not at all`,
    ),
    visits: base.visits.map((v) => ({ ...v, told: wrong(v) })),
  }
}

/**
 * The visits charging through second `atS`, longest first, `count` of them: the chargers a fault
 * should hit so it happens mid-session.
 */
function chargingAt(base: SiteScenario, atS: number, count: number): ScenarioVisit[] {
  return base.visits
    .filter((v) => v.arrivalS < atS - 1800 && v.departureS > atS + 3 * 3600)
    .sort((a, b) => b.needWh - a.needWh || a.id.localeCompare(b.id))
    .slice(0, count)
}

/** `count` chargers lose their link silently for `forS` seconds from `fromS`, with a car charging. */
export function offlineChargers(base: SiteScenario, fromS: number, forS: number, count = 2): SiteScenario {
  const hit = new Set(chargingAt(base, fromS, count).map((v) => v.chargerId))
  return {
    ...adversarial(base, 'offline', `${base.description}; ${hit.size} chargers offline for ${forS / 60} min`),
    chargers: base.chargers.map((c) =>
      hit.has(c.id) ? { ...c, linkDown: [{ fromS, toS: fromS + forS }] } : c,
    ),
  }
}

/** `count` chargers with a car charging at `atS` ignore every setpoint (and say they accept them). */
export function disobeyingChargers(base: SiteScenario, atS: number, count = 2): SiteScenario {
  const hit = new Set(chargingAt(base, atS, count).map((v) => v.chargerId))
  return {
    ...adversarial(base, 'disobeying', `${base.description}; ${hit.size} chargers ignore setpoints`),
    chargers: base.chargers.map((c) => (hit.has(c.id) ? { ...c, disobeys: true } : c)),
  }
}
