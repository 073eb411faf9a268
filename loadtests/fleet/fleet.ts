import { FleetCharger } from './charger'
import { nextStep, transactionCycle } from './cycle'
import type { Dialect, Step } from './dialect'
import { ocpp16 } from './ocpp16'
import { ocpp201 } from './ocpp201'
import { Pacer } from './pacer'
import { FleetStats, type StatsSnapshot } from './stats'

/** Which OCPP version the chargers speak; `mixed` alternates 2.0.1 and 1.6. */
export type FleetProtocol = 'ocpp1.6' | 'ocpp2.0.1' | 'mixed'

/** How a fleet behaves. Everything but the targets has a default. */
export interface FleetOptions {
  /** OCPP endpoints without identity; charger `i` uses `urls[i % urls.length]` (spreads source ports). */
  urls: string[]
  /** Identity prefix; charger `i` is `${idPrefix}${i padded to 6 digits}`. */
  idPrefix: string
  /** Index of this fleet's first charger (workers take consecutive ranges). */
  first?: number
  count: number
  protocol?: FleetProtocol
  /** Connectors (EVSEs) per charger, default 1. */
  connectors?: number
  /** Token presented for transactions (must be Accepted and allow concurrent use). */
  idTag?: string
  password?: string
  /** Handshakes started per second (0: all at once), default 500. */
  connectRate?: number
  /** Calls and handshakes without an answer after this long are failures, default 30 s. */
  callTimeoutMs?: number
  /** Heartbeat interval of each charger while idle (s); 0 = none, default 0. */
  heartbeatIntervalS?: number
  /** Meter values per transaction in the mix, default 14 (70 % of the mix). */
  metersPerTx?: number
  /** Give up bringing a charger up (connect + boot, retried with backoff) after this long, default 120 s. */
  bringUpDeadlineMs?: number
}

const dialects: Record<'ocpp1.6' | 'ocpp2.0.1', Dialect> = { 'ocpp1.6': ocpp16, 'ocpp2.0.1': ocpp201 }

/** Where a fleet stands. */
export interface FleetProgress {
  chargers: number
  booted: number
  /** Chargers that gave up (deadline passed without an accepted boot). */
  failed: number
  /** ms from the first handshake until the last charger was booted (or gave up). */
  bringUpMs: number | undefined
  /** ms from the first handshake until the last BootNotification was Accepted. */
  lastBootMs: number | undefined
}

/**
 * A fleet of lean chargers in one process: ramps connections at a set rate, boots each charger
 * (retrying with backoff, as real chargers do), heartbeats idle chargers, and drives the transaction
 * mix at a set aggregate rate (open loop) or for a number of whole cycles (closed loop).
 */
export class Fleet {
  readonly stats = new FleetStats()
  readonly chargers: FleetCharger[]
  readonly #cycle: Step[]
  readonly #o: Required<Omit<FleetOptions, 'password'>> & { password?: string }
  #sweep: ReturnType<typeof setInterval> | undefined
  #mix: Pacer
  #beat: Pacer
  #ring = 0
  #beatRing = 0
  #failed = 0
  #bringUp: { started: number; done: number | undefined; lastBoot: number | undefined } | undefined
  #closed = false

  constructor(options: FleetOptions) {
    this.#o = {
      first: 0,
      protocol: 'ocpp2.0.1',
      connectors: 1,
      idTag: 'FLEET-TOKEN',
      connectRate: 500,
      callTimeoutMs: 30_000,
      heartbeatIntervalS: 0,
      metersPerTx: 14,
      bringUpDeadlineMs: 120_000,
      ...options,
    }
    this.#cycle = transactionCycle(this.#o.metersPerTx)
    this.chargers = Array.from({ length: this.#o.count }, (_, k) => this.#charger(this.#o.first + k))
    this.#mix = new Pacer(
      0,
      () => this.#fireMix(),
      () => this.stats.counters.missed++,
    )
    const beatRate = this.#o.heartbeatIntervalS > 0 ? this.#o.count / this.#o.heartbeatIntervalS : 0
    this.#beat = new Pacer(
      beatRate,
      () => this.#fireBeat(),
      () => undefined,
      50,
    )
  }

  /** Connects and boots every charger at the configured rate; resolves when all are up or gave up. */
  async connectAll(): Promise<FleetProgress> {
    this.#sweep ??= setInterval(() => this.#expire(), 250)
    this.#bringUp = { started: performance.now(), done: undefined, lastBoot: undefined }
    const rate = this.#o.connectRate
    const paced = Number.isFinite(rate) && rate > 0
    const ups: Promise<void>[] = []
    const batch = paced ? Math.max(1, Math.round(rate / 100)) : this.chargers.length
    for (let i = 0; i < this.chargers.length && !this.#closed; i += batch) {
      for (const c of this.chargers.slice(i, i + batch)) ups.push(this.#up(c))
      if (paced) await Bun.sleep((1000 * batch) / rate)
    }
    await Promise.all(ups)
    this.#bringUp.done = performance.now()
    this.#beat.start()
    return this.progress()
  }

  /** Sets the aggregate rate of the transaction mix (messages/s, 0 stops it). */
  setRate(perSecond: number): void {
    this.#mix.rate = perSecond
  }

  /** Every booted charger runs `cycles` whole transaction cycles as fast as the CSMS answers. */
  async runCycles(cycles: number): Promise<void> {
    const steps = cycles * this.#cycle.length
    await Promise.all(
      this.chargers.map(async (c) => {
        for (let i = 0; i < steps && c.booted && !this.#closed; i++) await this.#step(c)
      }),
    )
  }

  /**
   * Spreads the chargers over the transaction cycle, as a fleet in steady state is: charger `i` moves
   * to step `i mod cycle length`, starting its transaction first when that step lies inside one. The
   * mix then has its long-run shares from the first second instead of every charger starting at once.
   */
  async prime(concurrency = 200): Promise<void> {
    let next = 0
    const lane = async () => {
      while (next < this.chargers.length && !this.#closed) {
        const i = next++
        const c = this.chargers[i]!
        const phase = (this.#o.first + i) % this.#cycle.length
        while (c.booted && c.cycle < phase && c.cycle < 2) await this.#step(c)
        if (c.booted && c.cycle !== 0) c.cycle = phase
      }
    }
    await Promise.all(Array.from({ length: concurrency }, lane))
  }

  progress(): FleetProgress {
    const booted = this.chargers.reduce((n, c) => n + (c.booted ? 1 : 0), 0)
    const b = this.#bringUp
    return {
      chargers: this.chargers.length,
      booted,
      failed: this.#failed,
      bringUpMs: b?.done === undefined ? undefined : b.done - b.started,
      lastBootMs: b?.lastBoot === undefined ? undefined : b.lastBoot - b.started,
    }
  }

  snapshot(reset = false): StatsSnapshot {
    return this.stats.snapshot(reset)
  }

  /** Stops all load and closes every socket. */
  async close(): Promise<void> {
    this.#closed = true
    this.#mix.stop()
    this.#beat.stop()
    if (this.#sweep !== undefined) clearInterval(this.#sweep)
    for (const c of this.chargers) c.close()
    await Bun.sleep(50)
  }

  #charger(i: number): FleetCharger {
    const o = this.#o
    const protocol = o.protocol === 'mixed' ? (i % 2 ? 'ocpp1.6' : 'ocpp2.0.1') : o.protocol
    const facts = {
      id: `${o.idPrefix}${String(i).padStart(6, '0')}`,
      connectors: o.connectors,
      connector: 1,
      meterWh: 1000 + (i % 1000),
      txId: undefined,
      seqNo: 0,
      idTag: o.idTag,
    }
    return new FleetCharger(facts, {
      url: o.urls[i % o.urls.length]!,
      dialect: dialects[protocol],
      stats: this.stats,
      ...(o.password === undefined ? {} : { password: o.password }),
      onDrop: (c) => void this.#reconnect(c),
    })
  }

  /** Connect, boot, report every connector Available; retried with backoff until the deadline. */
  async #up(c: FleetCharger): Promise<void> {
    const deadline = performance.now() + this.#o.bringUpDeadlineMs
    for (let attempt = 0; !this.#closed; attempt++) {
      if (await this.#tryUp(c)) return
      if (performance.now() + backoffMs(attempt) > deadline) break
      await Bun.sleep(backoffMs(attempt))
    }
    if (!this.#closed) this.#failed++
  }

  async #tryUp(c: FleetCharger): Promise<boolean> {
    if (!c.ws || c.ws.readyState !== WebSocket.OPEN) {
      if (!(await c.connect())) {
        this.stats.counters.connectFailures++
        return false
      }
    }
    if (!(await c.run('boot'))) return false
    if (this.#bringUp) this.#bringUp.lastBoot = performance.now()
    for (let k = 1; k <= c.facts.connectors; k++) {
      c.facts.connector = k
      await c.run('available')
    }
    c.facts.connector = 1
    c.booted = true
    this.stats.counters.booted++
    return true
  }

  async #reconnect(c: FleetCharger): Promise<void> {
    if (this.#closed) return
    this.stats.counters.booted--
    c.cycle = 0
    c.facts.txId = undefined
    await Bun.sleep(backoffMs(0))
    await this.#up(c)
  }

  async #step(c: FleetCharger): Promise<void> {
    if (await nextStep(c, this.#cycle)) this.stats.counters.txCompleted++
  }

  /** Starts the next step on the next idle charger of the ring; false when none is idle. */
  #fireMix(): boolean {
    const n = this.chargers.length
    for (let tries = 0; tries < Math.min(n, 512); tries++) {
      const c = this.chargers[this.#ring]!
      this.#ring = (this.#ring + 1) % n
      if (c.booted && !c.busy) {
        void this.#step(c)
        return true
      }
    }
    return false
  }

  #fireBeat(): boolean {
    const c = this.chargers[this.#beatRing]!
    this.#beatRing = (this.#beatRing + 1) % this.chargers.length
    if (!c.booted || c.busy) return false
    void c.run('heartbeat')
    return true
  }

  #expire(): void {
    const now = performance.now()
    for (const c of this.chargers) c.expire(now, this.#o.callTimeoutMs)
  }
}

/** Reconnect backoff with jitter: about 0.5 s, 1 s, 2 s, … capped at 8 s. */
function backoffMs(attempt: number): number {
  return Math.min(8000, 500 * 2 ** attempt) * (0.5 + Math.random())
}
