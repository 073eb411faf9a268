/**
 * The two baselines the live loop is reported beside: uncontrolled charging and naive equal sharing.
 */
import type { Controller, ControllerSession, ControllerView } from './controller'
import { drawnPhases, fuseGeometry } from './site-geometry'

/** The lowest pilot IEC 61851 can signal (A): less is sent as 0. */
export const MIN_PILOT_A = 6
/** Setpoints go out in tenths of an ampere, rounded down so the split never exceeds a rating. */
const STEPS_PER_A = 10
const EPS = 1e-9

/** No setpoints at all: every car draws what its charger's maximum lets it. */
export const uncontrolled: Controller = { name: 'uncontrolled', limits: () => new Map() }

/** {@link equalShareLimits} as a benchmark controller. */
export const equalShare: Controller = { name: 'equal share', limits: (view) => equalShareLimits(view) }

interface Claim {
  readonly session: ControllerSession
  /** Indices of the (fuse, grid phase) rows it draws on. */
  readonly rows: readonly number[]
  readonly capA: number
}

/**
 * Naive equal sharing, as a wallbox load balancer does it: each fuse's capacity (the main fuse less
 * the last building reading, per phase) is split equally among the sessions below it, per phase, by
 * progressive filling, so a session held back by a sub-fuse, a single phase or its charger's maximum
 * leaves its unused part to the others. A car draws on its known phases, else on all of its
 * charger's. A car that reports SuspendedEV (it declines current) gets 0 and no share. A session whose
 * share is under 6 A gets 0 instead, the latest arrival first, and the rest is split again. Before
 * the first building reading nothing is given (the building may be using the whole fuse). It knows no
 * departures and no needs, and it does not smooth: it follows every new reading.
 *
 * @example
 * equalShareLimits(view) // Map { 'cp1' => 10.6, 'cp2' => 10.6, 'cp3' => 0 }
 */
export function equalShareLimits(view: ControllerView): Map<string, number> {
  const { fuses, pathOf } = fuseGeometry(view.site.main)
  const chargers = new Map(view.site.chargers.map((c) => [c.id, c]))
  const capacity = fuses.flatMap((fuse) =>
    [0, 1, 2].map((ph) => {
      if (!fuse.isMain) return fuse.limitA
      if (!view.building) return 0
      return Math.max(0, fuse.limitA - Math.max(0, view.building.currentA[ph]!))
    }),
  )
  const limits = new Map<string, number>()
  const claims: Claim[] = []
  for (const session of view.sessions) {
    const charger = chargers.get(session.chargerId)
    const path = pathOf.get(session.chargerId)
    if (!charger || !path) continue
    limits.set(session.chargerId, 0)
    if (session.chargingState === 'SuspendedEV') continue
    const phases = drawnPhases(charger.wiring, session.evPhases ?? charger.wiring.length)
    const rows = path.flatMap((f) => phases.map((ph) => f * 3 + ph))
    claims.push({ session, rows, capA: Math.min(charger.maxA, session.needs?.maxCurrentA ?? Infinity) })
  }
  claims.sort(
    (a, b) =>
      a.session.startedAt - b.session.startedAt || (a.session.chargerId < b.session.chargerId ? -1 : 1),
  )
  for (;;) {
    const shares = progressiveFill(claims, capacity)
    const short = claims.findLastIndex((_, i) => shares[i]! < MIN_PILOT_A - EPS)
    if (short < 0) {
      claims.forEach((c, i) => {
        limits.set(c.session.chargerId, Math.floor(shares[i]! * STEPS_PER_A + EPS) / STEPS_PER_A)
      })
      return limits
    }
    claims.splice(short, 1)
  }
}

/**
 * Max-min fair shares: every claim rises at the same rate until its cap or one of its rows is full,
 * then stops while the others go on. Each round stops at least one claim, so it ends in as many
 * rounds as there are claims.
 */
function progressiveFill(claims: readonly Claim[], capacity: readonly number[]): number[] {
  const shares = claims.map(() => 0)
  const used = capacity.map(() => 0)
  const rising = new Set(claims.map((_, i) => i))
  while (rising.size > 0) {
    const members = capacity.map(() => 0)
    for (const i of rising) for (const r of claims[i]!.rows) members[r]!++
    let step = Infinity
    for (const i of rising) step = Math.min(step, claims[i]!.capA - shares[i]!)
    members.forEach((n, r) => {
      if (n > 0) step = Math.min(step, (capacity[r]! - used[r]!) / n)
    })
    step = Math.max(0, step)
    for (const i of rising) {
      shares[i]! += step
      for (const r of claims[i]!.rows) used[r]! += step
    }
    for (const i of [...rising]) {
      const claim = claims[i]!
      if (shares[i]! >= claim.capA - EPS || claim.rows.some((r) => used[r]! >= capacity[r]! - EPS))
        rising.delete(i)
    }
  }
  return shares
}
