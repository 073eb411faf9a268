import type { Bus } from '@src/bus/port'
import type { SiteSessionStatus, SiteStatus } from '@src/domain/site/status'

/** A plausible `SiteStatus` for tests: a 3 × 63 A site at `at`, with overrides. */
export function fakeSiteStatus(siteId: string, at: number, over: Partial<SiteStatus> = {}): SiteStatus {
  return {
    siteId,
    at,
    health: 'ok',
    problems: [],
    lagMs: { last: 2, max: 5 },
    limitA: 60,
    loadA: [30, 20, 25],
    evA: [16, 16, 16],
    buildingA: [14, 4, 9],
    buildingStale: false,
    loadStale: false,
    nodes: [{ id: 'main', name: 'Main fuse', limitA: 60, loadA: [30, 20, 25] }],
    sessions: [],
    evKw: 11,
    siteKw: 17.3,
    peak: null,
    failSafeA: 6,
    guarantee: {
      marginA: 2,
      meterIntervalS: 5,
      longestGapS: 6,
      worstStepA: [9, 4, 3],
      recommendedMarginA: 9,
      excessLastsS: 13.1,
      chargerLatencyS: 2,
      evResponseS: 5,
      text: 'No allocation puts any fuse over its rating minus the 2 A margin.',
      meterRequest: null,
    },
    ...over,
  }
}

/** A session of a fake status, with overrides. */
export function fakeSession(over: Partial<SiteSessionStatus> = {}): SiteSessionStatus {
  return {
    transactionId: 1,
    chargerId: 'CP-1',
    evseId: 1,
    idTag: 'TAG-1',
    limitA: 16,
    drawA: 15.5,
    drawStale: false,
    phases: 3,
    energyWh: 4200,
    energyNeedWh: 20_000,
    departureAt: null,
    departureSource: 'default',
    expectedDoneAt: null,
    problem: null,
    ...over,
  }
}

/** The next payload published on `subject` (subscribe before causing it). */
export function nextMessage(bus: Bus, subject: string): Promise<unknown> {
  return new Promise((resolve) => {
    const stop = bus.subscribe(subject, (payload) => {
      stop()
      resolve(payload)
    })
  })
}

/** Every payload published on `subject` from now on, and a function that stops collecting. */
export function collect(bus: Bus, subject: string): { seen: unknown[]; stop: () => void } {
  const seen: unknown[] = []
  const stop = bus.subscribe(subject, (payload) => seen.push(payload))
  return { seen, stop }
}
