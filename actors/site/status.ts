import type { Allocation, GridPhase, PerPhase } from '@src/domain/power'
import type { SiteConfig } from '@src/domain/site/site-config'
import type { SiteSessionStatus, SiteStatus } from '@src/domain/site/status'
import type { SiteSession } from './sessions'

const PHASES = ['L1', 'L2', 'L3'] as const
const PHASE_INDEX: Record<GridPhase, 0 | 1 | 2> = { L1: 0, L2: 1, L3: 2 }

/** The site's load at one tick: per phase (A) and in kW. Every tick adds one to the minute's peak. */
export interface SiteLoad {
  at: number
  evA: PerPhase
  buildingA: PerPhase
  loadA: PerPhase
  evKw: number
  siteKw: number
}

/**
 * The site's load this tick: each session's measured current mapped through its connector's wiring
 * (charger phase k is on grid phase wiring[k]; a session not measured yet counts at its allocation),
 * plus the building. Runs every tick, so it walks the allocation once and builds nothing on the way.
 */
export function siteLoad(v: {
  sessions: ReadonlyMap<string, SiteSession>
  wiring: ReadonlyMap<string, readonly GridPhase[]>
  allocation: Allocation
  voltageV: number
  now: number
}): SiteLoad {
  const evA: [number, number, number] = [0, 0, 0]
  for (const a of v.allocation.sessions) {
    const s = v.sessions.get(a.sessionId)
    const wiring = s && v.wiring.get(s.key)
    if (!wiring) continue
    for (let k = 0; k < wiring.length; k++) {
      const measured = s.drawA?.[PHASES[k]!]
      evA[PHASE_INDEX[wiring[k]!]] += measured ?? (k < a.phases ? a.limitA : 0)
    }
  }
  const buildingA = v.allocation.building.currentA
  const loadA = add(evA, buildingA)
  const kw = (x: PerPhase) => ((x[0] + x[1] + x[2]) * v.voltageV) / 1000
  return { at: v.now, evA, buildingA, loadA, evKw: kw(evA), siteKw: kw(loadA) }
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
  allocation: Allocation
  sessions: SiteSession[]
  load: SiteLoad
  problems: string[]
  sessionProblems: ReadonlyMap<string, string>
  lag: { last: number; max: number }
  failSafeA: number
  reachedKw: number
  now: number
}): SiteStatus {
  const { site } = v.config
  const { evA, buildingA, loadA, evKw, siteKw } = v.load
  const byId = new Map(v.allocation.sessions.map((a) => [a.sessionId, a]))
  const sessions: SiteSessionStatus[] = v.sessions.map((s) => {
    const a = byId.get(s.key)
    const limitA = a?.limitA ?? 0
    const phases = a?.phases ?? 0
    return {
      transactionId: s.transactionId,
      chargerId: s.chargerId,
      evseId: s.evseId,
      idTag: s.idTag,
      limitA,
      drawA: s.drawA ? Math.max(s.drawA.L1 ?? 0, s.drawA.L2 ?? 0, s.drawA.L3 ?? 0) : null,
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
