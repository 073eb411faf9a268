import type { Bus } from '@src/bus/port'
import { subjects } from '@src/bus/subjects'
import type { SiteStatus } from '@src/domain/site/status'
import { z } from 'zod'

/** How much history the live chart shows (ms). */
export const RING_SPAN_MS = 10 * 60_000
/** Samples closer together than this are merged into one (keeping each phase's highest). */
export const RING_BUCKET_MS = 5000

const perPhase = z.tuple([z.number(), z.number(), z.number()])

/** The bus payload of `csms.evt.site.<id>.status`, validated at the boundary (extra fields kept). */
export const siteStatusSchema = z.looseObject({
  siteId: z.string().min(1),
  at: z.number(),
  health: z.enum(['ok', 'degraded']),
  problems: z.array(z.string()),
  lagMs: z.object({ last: z.number(), max: z.number() }),
  limitA: z.number(),
  loadA: perPhase,
  evA: perPhase,
  buildingA: perPhase,
  buildingStale: z.boolean(),
  loadStale: z.boolean(),
  nodes: z.array(z.object({ id: z.string(), name: z.string(), limitA: z.number(), loadA: perPhase })),
  sessions: z.array(
    z.object({
      transactionId: z.number(),
      chargerId: z.string(),
      evseId: z.number(),
      idTag: z.string().nullable(),
      limitA: z.number(),
      drawA: z.number().nullable(),
      drawStale: z.boolean(),
      phases: z.number(),
      energyWh: z.number().nullable(),
      energyNeedWh: z.number().nullable(),
      departureAt: z.number().nullable(),
      departureSource: z.string(),
      expectedDoneAt: z.number().nullable(),
      problem: z.string().nullable(),
    }),
  ),
  evKw: z.number(),
  siteKw: z.number(),
  peak: z.object({ targetKw: z.number(), reachedKw: z.number(), capKw: z.number() }).nullable(),
  failSafeA: z.number(),
  guarantee: z.object({
    marginA: z.number(),
    meterIntervalS: z.number().nullable(),
    longestGapS: z.number().nullable(),
    worstStepA: perPhase,
    recommendedMarginA: z.number().nullable(),
    excessLastsS: z.number().nullable(),
    chargerLatencyS: z.number(),
    evResponseS: z.number(),
    text: z.string(),
    meterRequest: z.object({ intervalS: z.number(), status: z.string() }).nullable(),
  }),
})

/** One point of the live chart: the main fuse's load per phase and its limit. */
export interface LoadSample {
  at: number
  loadA: [number, number, number]
  limitA: number
  /** Part of the load is estimated (no meter reading under a session's current limit, a stale meter). */
  stale: boolean
}

/**
 * The latest status of every site and the last ten minutes of its main-fuse load, fed by the bus.
 * One per node, built in the composition root ({@link SiteStatusStore.listen}) and passed in `deps`;
 * the admin, the API and the driver pages read it, so the live chart has history the moment a page
 * opens.
 */
export class SiteStatusStore {
  /** A store fed by every site's status on `bus` from now on (the subscription ends with the bus). */
  static listen(bus: Bus): SiteStatusStore {
    const store = new SiteStatusStore()
    bus.subscribe(subjects.allSiteStatus, (payload) => store.accept(payload))
    return store
  }

  readonly #latest = new Map<string, SiteStatus>()
  readonly #rings = new Map<string, LoadSample[]>()

  /**
   * Takes a bus payload. Ignored: a malformed one, and one older than the latest (the newest report
   * wins; only the node holding the site's lease publishes). Returns true if it was kept.
   */
  accept(payload: unknown): boolean {
    const parsed = siteStatusSchema.safeParse(payload)
    if (!parsed.success) return false
    const status: SiteStatus = parsed.data
    const prev = this.#latest.get(status.siteId)
    if (prev && prev.at > status.at) return false
    this.#latest.set(status.siteId, status)
    this.#record(status)
    return true
  }

  /** The latest status of a site, if one was received. */
  latest(siteId: string): SiteStatus | undefined {
    return this.#latest.get(siteId)
  }

  /** The main fuse's load over the last ten minutes, oldest first. */
  samples(siteId: string): readonly LoadSample[] {
    return this.#rings.get(siteId) ?? []
  }

  /** Drops what is known about a removed site. */
  forget(siteId: string): void {
    this.#latest.delete(siteId)
    this.#rings.delete(siteId)
  }

  #record(s: SiteStatus): void {
    const ring = this.#rings.get(s.siteId) ?? []
    this.#rings.set(s.siteId, ring)
    const last = ring[ring.length - 1]
    if (last && s.at - last.at < RING_BUCKET_MS) {
      const [a, b, c] = last.loadA
      last.loadA = [Math.max(a, s.loadA[0]), Math.max(b, s.loadA[1]), Math.max(c, s.loadA[2])]
      last.limitA = s.limitA
      last.stale ||= s.loadStale
    } else {
      ring.push({
        at: s.at,
        loadA: [s.loadA[0], s.loadA[1], s.loadA[2]],
        limitA: s.limitA,
        stale: s.loadStale,
      })
    }
    while (ring.length > 0 && ring[0]!.at < s.at - RING_SPAN_MS) ring.shift()
  }
}
