import { Histogram, type HistogramJson } from './histogram'

/** Event counters of a fleet (all JSON-safe numbers). */
export interface FleetCounters {
  /** Calls sent to the CSMS. */
  sent: number
  /** Calls answered with a CALLRESULT we accept. */
  ok: number
  /** Calls answered with a CALLERROR. */
  callErrors: number
  /** CALLRESULTs that refuse (boot not Accepted, token not Accepted). */
  refused: number
  /** Calls not answered within the call timeout. */
  timeouts: number
  /** Calls lost because their socket closed. */
  lost: number
  /** WebSocket handshakes that failed (refused, reset, timed out). */
  connectFailures: number
  /** Sockets the server closed while we were running. */
  dropped: number
  /** Chargers whose BootNotification was Accepted. */
  booted: number
  /** Transactions started and stopped. */
  txCompleted: number
  /** CSMS → charger calls answered. */
  csmsCalls: number
  /** Paced sends skipped because every charger still waited for an answer. */
  missed: number
}

/** A point-in-time copy of a fleet's stats, safe to send between processes. */
export interface StatsSnapshot {
  counters: FleetCounters
  /** Round trip per action (and `connect` for the WebSocket handshake). */
  rtt: Record<string, HistogramJson>
  /** A few error descriptions, for diagnosis. */
  samples: string[]
  /** Window length in ms. */
  windowMs: number
}

const zero = (): FleetCounters => ({
  sent: 0,
  ok: 0,
  callErrors: 0,
  refused: 0,
  timeouts: 0,
  lost: 0,
  connectFailures: 0,
  dropped: 0,
  booted: 0,
  txCompleted: 0,
  csmsCalls: 0,
  missed: 0,
})

const MAX_SAMPLES = 10

/** Counters and per-action round-trip histograms of one fleet (one process). */
export class FleetStats {
  counters = zero()
  #rtt = new Map<string, Histogram>()
  #samples: string[] = []
  #since = performance.now()

  /** Records the round trip of one action, in ms. */
  rtt(action: string, ms: number): void {
    let h = this.#rtt.get(action)
    if (!h) {
      h = new Histogram()
      this.#rtt.set(action, h)
    }
    h.record(ms)
  }

  /** Keeps a short description of an error (the first few only). */
  sample(text: string): void {
    if (this.#samples.length < MAX_SAMPLES) this.#samples.push(text.slice(0, 200))
  }

  /** A copy of everything since the last reset; `reset` starts a new window. */
  snapshot(reset = false): StatsSnapshot {
    const rtt: Record<string, HistogramJson> = {}
    for (const [action, h] of this.#rtt) rtt[action] = h.toJSON()
    const now = performance.now()
    const snap = {
      counters: { ...this.counters },
      rtt,
      samples: [...this.#samples],
      windowMs: now - this.#since,
    }
    if (reset) {
      this.counters = { ...zero(), booted: this.counters.booted }
      this.#rtt.clear()
      this.#samples = []
      this.#since = now
    }
    return snap
  }
}

/** Adds up snapshots of several processes (window: the longest). */
export function mergeSnapshots(snaps: readonly StatsSnapshot[]): StatsSnapshot {
  const counters = zero()
  const rtt = new Map<string, Histogram>()
  const samples: string[] = []
  let windowMs = 0
  for (const s of snaps) {
    for (const key of Object.keys(counters) as (keyof FleetCounters)[]) counters[key] += s.counters[key]
    for (const [action, h] of Object.entries(s.rtt)) {
      const into = rtt.get(action) ?? new Histogram()
      rtt.set(action, into.merge(h))
    }
    samples.push(...s.samples.slice(0, MAX_SAMPLES - samples.length))
    windowMs = Math.max(windowMs, s.windowMs)
  }
  const out: Record<string, HistogramJson> = {}
  for (const [action, h] of rtt) out[action] = h.toJSON()
  return { counters, rtt: out, samples, windowMs }
}

/** All actions' round trips of a snapshot in one histogram, optionally leaving some actions out. */
export function allRtt(snap: StatsSnapshot, exclude: readonly string[] = ['connect']): Histogram {
  const h = new Histogram()
  for (const [action, json] of Object.entries(snap.rtt)) if (!exclude.includes(action)) h.merge(json)
  return h
}

/** One action's round trips of a snapshot (empty when it never ran). */
export function actionRtt(snap: StatsSnapshot, action: string): Histogram {
  const json = snap.rtt[action]
  return json ? Histogram.from(json) : new Histogram()
}
