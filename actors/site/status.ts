import type { Allocation, GridPhase, PerPhase, SessionAllocation } from '@src/domain/power'
import { type DrawEstimate, estimateDraw } from '@src/domain/site/draw'
import type { SiteConfig } from '@src/domain/site/site-config'
import type { SiteGuaranteeStatus, SiteSessionStatus, SiteStatus } from '@src/domain/site/status'
import { changeInForce } from './delivery'
import type { SiteSession } from './sessions'
import { FOLLOW_MS } from './snapshot'
import type { SiteState } from './state'

const PHASE_INDEX: Record<GridPhase, 0 | 1 | 2> = { L1: 0, L2: 1, L3: 2 }

/** The site's load at one tick: per phase (A) and in kW. Every tick adds one to the minute's peak. */
export interface SiteLoad {
  at: number
  evA: PerPhase
  buildingA: PerPhase
  loadA: PerPhase
  evKw: number
  siteKw: number
  /** Some of it is estimated: a session without a reading under its current limit, or a stale building meter. */
  stale: boolean
}

/** What the load is computed from: the loop's state. */
export type LoadInput = Pick<
  SiteState,
  'sessions' | 'wiring' | 'delivery' | 'building' | 'config' | 'failSafeA'
>

/**
 * What a session draws now per charger phase (see `estimateDraw`): its reading when taken under the
 * limit in force, else what that limit lets the car draw. Before the loop has sent it a limit, its
 * charger holds it at the site's fail-safe default (installed when it connected), not at the plan.
 */
export function sessionDraw(
  input: LoadInput,
  s: SiteSession,
  a: SessionAllocation,
  now: number,
): DrawEstimate {
  const d = s.drawA
  return estimateDraw({
    reading: d && s.drawAt !== null ? { currentA: [d.L1, d.L2, d.L3], at: s.drawAt } : null,
    change: changeInForce(input.delivery, s.key),
    limitA: input.failSafeA,
    phases: a.phases,
    now,
    followMs: FOLLOW_MS,
  })
}

/**
 * The site's load this tick: what each session physically draws (`sessionDraw`) mapped through its
 * connector's wiring (charger phase k is on grid phase wiring[k]), plus the building as measured (a
 * stale meter's last reading, marked; the allocation assumes the worst instead, which is not what
 * flows). Runs every tick, so it walks the allocation once and keeps nothing per session.
 */
export function siteLoad(input: LoadInput, allocation: Allocation, now: number): SiteLoad {
  const evA: [number, number, number] = [0, 0, 0]
  let stale = false
  for (const a of allocation.sessions) {
    const s = input.sessions.get(a.sessionId)
    const wiring = s && input.wiring.get(s.key)
    if (!wiring) continue
    const draw = sessionDraw(input, s, a, now)
    stale ||= draw.stale
    for (let k = 0; k < wiring.length; k++) evA[PHASE_INDEX[wiring[k]!]] += draw.currentA[k]!
  }
  const building = measuredBuilding(input, allocation)
  const loadA = add(evA, building.currentA)
  const kw = (x: PerPhase) => ((x[0] + x[1] + x[2]) * input.config.site.voltageV) / 1000
  return {
    at: now,
    evA,
    buildingA: building.currentA,
    loadA,
    evKw: kw(evA),
    siteKw: kw(loadA),
    stale: stale || building.stale,
  }
}

/**
 * The building's current: its last reading (fresh or stale; the allocation plans with a band above it,
 * see `nextBuildingPlan`), else what the allocation assumes.
 */
function measuredBuilding(input: LoadInput, allocation: Allocation): { currentA: PerPhase; stale: boolean } {
  const b = allocation.building
  if (!input.building) return b
  const [l1, l2, l3] = input.building.currentA
  return { currentA: [Math.max(0, l1), Math.max(0, l2), Math.max(0, l3)], stale: b.stale }
}

const add = (a: PerPhase, b: PerPhase): PerPhase => [a[0] + b[0], a[1] + b[1], a[2] + b[2]]

/** When a session will have its energy at its current limit, if its need is known. */
function expectedDone(
  s: SiteSession,
  limitA: number,
  phases: number,
  voltageV: number,
  now: number,
): number | null {
  if (s.energyNeedWh === null) return null
  const remaining = s.energyNeedWh - s.energyWh
  if (remaining <= 0) return now
  const watts = limitA * phases * voltageV
  return watts > 0 ? now + (remaining / watts) * 3_600_000 : null
}

/** The status a site publishes (see `SiteStatus`). */
export function buildStatus(v: {
  config: SiteConfig
  input: LoadInput
  allocation: Allocation
  sessions: SiteSession[]
  load: SiteLoad
  problems: string[]
  sessionProblems: ReadonlyMap<string, string>
  lag: { last: number; max: number }
  failSafeA: number
  reachedKw: number
  guarantee: SiteGuaranteeStatus
  now: number
}): SiteStatus {
  const { site } = v.config
  const { evA, buildingA, loadA, evKw, siteKw } = v.load
  const byId = new Map(v.allocation.sessions.map((a) => [a.sessionId, a]))
  const sessions: SiteSessionStatus[] = v.sessions.map((s) => {
    const a = byId.get(s.key)
    const limitA = a?.limitA ?? 0
    const phases = a?.phases ?? 0
    const draw = a ? sessionDraw(v.input, s, a, v.now) : undefined
    return {
      transactionId: s.transactionId,
      chargerId: s.chargerId,
      evseId: s.evseId,
      idTag: s.idTag,
      limitA,
      drawA: draw ? Math.max(...draw.currentA) : null,
      drawStale: draw?.stale ?? true,
      phases,
      energyWh: s.energyWh,
      energyNeedWh: s.energyNeedWh,
      departureAt: s.departureAt,
      departureSource: s.departureSource,
      expectedDoneAt: expectedDone(s, limitA, phases, site.voltageV, v.now),
      problem: v.sessionProblems.get(s.key) ?? null,
    }
  })
  const nameOf = new Map(v.config.circuits.map((c) => [c.id, c.name]))
  return {
    siteId: site.id,
    at: v.now,
    health: v.problems.length ? 'degraded' : 'ok',
    problems: v.problems,
    lagMs: v.lag,
    limitA: site.mainFuseA - site.safetyMarginA,
    loadA,
    evA,
    buildingA,
    buildingStale: v.allocation.building.stale,
    loadStale: v.load.stale,
    nodes: v.allocation.nodes.map((n) => ({
      id: n.id,
      name: n.id === 'main' ? 'Main fuse' : (nameOf.get(n.id) ?? n.id),
      limitA: n.ratedA - site.safetyMarginA,
      loadA: n.loadA,
    })),
    sessions,
    evKw,
    siteKw,
    peak: v.allocation.peak
      ? { targetKw: site.peakTargetKw ?? 0, reachedKw: v.reachedKw, capKw: v.allocation.peak.capKw }
      : null,
    failSafeA: v.failSafeA,
    guarantee: v.guarantee,
  }
}

/**
 * Keeps the minute's highest load (written once per minute) and the hour's mean site power, whose
 * highest value this month is the peak an effect tariff bills.
 */
export class LoadAccumulator {
  minute = -1
  max = { l1A: 0, l2A: 0, l3A: 0, evKw: 0, siteKw: 0 }
  hour = -1
  hourSum = 0
  hourCount = 0

  /** Adds a status; returns the finished minute and finished hour mean when they roll over. */
  add(s: SiteLoad): { minute?: { minute: number } & LoadAccumulator['max']; hourMeanKw?: number } {
    const minute = Math.floor(s.at / 60_000)
    const hour = Math.floor(minute / 60)
    const out: ReturnType<LoadAccumulator['add']> = {}
    if (minute !== this.minute) {
      if (this.minute >= 0) out.minute = { minute: this.minute, ...this.max }
      this.minute = minute
      this.max = { l1A: 0, l2A: 0, l3A: 0, evKw: 0, siteKw: 0 }
    }
    if (hour !== this.hour) {
      if (this.hour >= 0 && this.hourCount > 0) out.hourMeanKw = this.hourSum / this.hourCount
      this.hour = hour
      this.hourSum = 0
      this.hourCount = 0
    }
    const m = this.max
    this.max = {
      l1A: Math.max(m.l1A, s.loadA[0]),
      l2A: Math.max(m.l2A, s.loadA[1]),
      l3A: Math.max(m.l3A, s.loadA[2]),
      evKw: Math.max(m.evKw, s.evKw),
      siteKw: Math.max(m.siteKw, s.siteKw),
    }
    this.hourSum += s.siteKw
    this.hourCount++
    return out
  }
}
