import type { ActorContext, ActorFactory, Behavior, Release } from '@actors/runtime/types'
import { subjects } from '@src/bus/subjects'
import type { ChargerEvent } from '@src/domain/charger/events'
import { type Allocation, allocate, type SessionAllocation } from '@src/domain/power'
import { MIN_CHARGING_A } from '@src/domain/site/fail-safe'
import { jittered } from '@src/domain/site/jitter'
import { METER_WINDOW_MS } from '@src/domain/site/meter-watch'
import type { SiteConfig } from '@src/domain/site/site-config'
import type { SiteStatus } from '@src/domain/site/status'
import { type CarriedLoad, noteObedience } from './carried'
import { answered, planDeliveries } from './delivery'
import type { SiteDeps } from './deps'
import { onChargerEvent } from './events'
import { buildingReadingFrom, chargerEventFrom } from './inbound'
import { SiteLease } from './lease'
import { askFasterReadings, MeterObserver } from './meter-observer'
import type { SiteMsg } from './protocol'
import { sendFallback, sendSetpoints } from './sending'
import { buildSnapshot } from './snapshot'
import { chargerIdsOf, readState, type SiteState, takeBuilding } from './state'
import { buildStatus, LoadAccumulator, type SiteLoad, siteLoad } from './status'

/**
 * The loop re-reads sessions from the database about this often (ms), healing any event it missed.
 * Each wait is drawn from 30 to 90 s (see `jittered`), so the sites of a node do not all re-read at once.
 */
export const RESYNC_MS = 60_000

/** Early re-plans are at least this far apart (ms), so a burst of events costs one allocation. */
export const MIN_REPLAN_MS = 100

/**
 * The actor of one site: the only owner of its power loop in the cluster (it holds the site's lease;
 * without it, it stands by). Every `loopIntervalMs` (fixed delay: ticks never overlap, late ones
 * coalesce) and at once after plug-in, plug-out, a meter value, a departure or a limit change, it
 * allocates the fuse among the sessions (`allocate`, pure) and sends the setpoints that changed.
 */
export function siteActor(siteId: string, deps: SiteDeps): ActorFactory<SiteMsg> {
  return (ctx) => new SiteBehavior(siteId, deps, ctx)
}

class SiteBehavior implements Behavior<SiteMsg> {
  #state: SiteState | undefined
  /** The chargers whose events the loop follows, each with the release of its subscription. */
  readonly #followed = new Map<string, Release>()
  #ticking = false
  #lastTickAt = 0
  #lastScheduledEnd: number | undefined
  #lags: { at: number; ms: number }[] = []
  #lastStatusAt = 0
  #loads = new LoadAccumulator()
  readonly #meter = new MeterObserver()

  readonly #lease: SiteLease

  constructor(
    private readonly siteId: string,
    private readonly deps: SiteDeps,
    private readonly ctx: ActorContext<SiteMsg>,
  ) {
    this.#lease = new SiteLease(siteId, deps, ctx.log)
  }

  /**
   * Loads the site, takes the lease, then ticks from a random point of the first interval: sites that
   * start together (a node starting) spread their ticks over the interval instead of all ticking at once.
   */
  async start(): Promise<void> {
    await this.#load()
    if (!this.#state) return this.ctx.stop()
    const since = Math.floor((this.deps.clock.now() - METER_WINDOW_MS) / 60_000)
    this.#meter.restore(await this.deps.sites.meterHours(this.siteId, since))
    this.#subscribeSite()
    this.ctx.onCleanup(() => this.#releaseLease())
    this.ctx.timers.startFixedDelay('lease', { type: 'site.lease' }, Math.max(100, this.deps.leaseTtlMs / 3))
    await this.#renewLease()
    const interval = this.#state.config.site.loopIntervalMs
    this.ctx.timers.startSingle('tick', { type: 'site.tick' }, Math.floor(this.#random() * interval))
    this.#scheduleResync()
  }

  async receive(msg: SiteMsg): Promise<void> {
    const state = this.#state
    if (!state) return
    switch (msg.type) {
      case 'site.tick':
        return this.#tick(msg.replan === true)
      case 'site.lease':
        return this.#renewLease()
      case 'site.reload':
        await this.#load()
        if (!this.#state) return this.ctx.stop()
        this.#scheduleResync()
        return this.#replan()
      case 'site.chargerEvent':
        if (isMeterConnect(state, msg.event)) this.#meter.meterConnected(msg.event.protocol)
        if (await onChargerEvent(this.deps, state, msg.event, this.ctx.self)) this.#replan()
        return this.#observeMeter(state)
      case 'site.meter':
        takeBuilding(state, msg.currentA, msg.measuredAt)
        this.#replan()
        return this.#observeMeter(state)
      case 'site.meterAnswered':
        return this.#meter.answered(msg.intervalS, msg.status)
      case 'site.setpointResult':
        return this.#result(state, msg)
    }
  }

  #random(): number {
    return (this.deps.random ?? Math.random)()
  }

  /** The next re-read, at a jittered delay (any reload, resync or configuration change, resets it). */
  #scheduleResync(): void {
    this.ctx.timers.startSingle(
      'resync',
      { type: 'site.reload' },
      jittered(RESYNC_MS, () => this.#random()),
    )
  }

  /**
   * (Re)reads the configuration and the sessions and follows the site's chargers. A site that is gone
   * gives its lease up with it (the actor then stops).
   */
  async #load(): Promise<void> {
    const previous = this.#state
    const next = await readState(this.deps, this.siteId, previous)
    if (!next) await this.#releaseLease()
    this.#state = next
    const config = this.#state?.config
    this.#follow(config ? listenedChargers(config) : [])
    if (config && previous && previous.config.site.loopIntervalMs !== config.site.loopIntervalMs) {
      this.ctx.timers.startFixedDelay('tick', { type: 'site.tick' }, config.site.loopIntervalMs)
    }
  }

  /**
   * Subscribes to the events of chargers that joined the site and gives up those of chargers that
   * left; a resync that finds the same chargers keeps every subscription.
   */
  #follow(chargerIds: string[]): void {
    const wanted = new Set(chargerIds)
    for (const [id, release] of this.#followed) {
      if (wanted.has(id)) continue
      release()
      this.#followed.delete(id)
    }
    for (const id of wanted) {
      if (this.#followed.has(id)) continue
      this.#followed.set(
        id,
        this.ctx.subscribe(subjects.chargerEvents(id), (payload, subject) => {
          const event = chargerEventFrom(payload, subject, this.ctx.log)
          if (event) this.ctx.self.tell({ type: 'site.chargerEvent', event })
        }),
      )
    }
  }

  #subscribeSite(): void {
    const self = this.ctx.self
    this.ctx.subscribe(subjects.siteChanged(this.siteId), () => void self.tell({ type: 'site.reload' }))
    this.ctx.subscribe(subjects.siteMeter(this.siteId), (payload, subject) => {
      const reading = buildingReadingFrom(payload, subject, this.ctx.log)
      if (reading) self.tell({ type: 'site.meter', ...reading })
    })
  }

  /**
   * Takes the lease if free, renews it if held; a lost lease means standby and a clean slate. A lease
   * call that fails (NATS down, a KV timeout) counts as no lease: the loop stands by and sends nothing
   * new (the chargers fall back to the fail-safe default when their setpoints expire, which protects
   * the fuse), and a later renewal takes the lease back once the bus answers again.
   */
  async #renewLease(): Promise<void> {
    const state = this.#state
    if (!state) return
    const held = await this.#lease.refresh(state.lease)
    const gained = held !== undefined && state.lease === undefined
    if (!held || gained) state.delivery.sent.clear()
    state.lease = held
    if (gained) {
      for (const chargerId of state.online) sendFallback(this.deps, state, chargerId)
      this.#replan()
    }
  }

  /** Gives the lease up when the incarnation ends, so another node (or the next incarnation) takes over. */
  async #releaseLease(): Promise<void> {
    const lease = this.#state?.lease
    if (!lease) return
    this.#state!.lease = undefined
    await this.#lease.release(lease)
  }

  /** Takes a new building reading into the week's record, and asks a slow OCPP meter to speed up. */
  async #observeMeter(state: SiteState): Promise<void> {
    this.#meter.noteBuilding(state.building)
    if (state.lease) await askFasterReadings(this.deps, state.config, this.#meter, this.ctx.self)
  }

  #replan(): void {
    const wait = this.#lastTickAt + MIN_REPLAN_MS - this.deps.clock.now()
    if (!this.ctx.timers.isActive('replan'))
      this.ctx.timers.startSingle('replan', { type: 'site.tick', replan: true }, Math.max(0, wait))
  }

  async #tick(replan: boolean): Promise<void> {
    const state = this.#state!
    const now = this.deps.clock.now()
    this.#lastTickAt = now
    this.deps.countTick?.(replan)
    if (!replan) this.#recordLag(state, now)
    if (!replan && !this.#ticking) {
      this.#ticking = true
      this.ctx.timers.startFixedDelay('tick', { type: 'site.tick' }, state.config.site.loopIntervalMs)
    }
    if (!state.lease) return
    const { config, grid, connectors, online, buildingPlan, failSafeA, reachedKw } = state
    const { snapshot, carried } = buildSnapshot({
      config,
      grid,
      connectors,
      online,
      ignoring: state.ignoring,
      building: buildingPlan && { currentA: buildingPlan.plannedA, measuredAt: buildingPlan.measuredAt },
      failSafeA,
      reachedKw,
      now,
      sessions: state.sessions.values(),
      delivery: state.delivery,
    })
    noteObedience(state.ignoring, state.sessions.values(), state.delivery.confirmed, (key) =>
      ratingOf(state, key),
    )
    const allocation = allocate(snapshot, now)

    const limits = allocation.sessions.map((a) => ({
      ...a,
      limitA: this.#limitToSend(state, a, carried.get(a.sessionId)),
    }))
    const deliveries = planDeliveries(
      state.delivery,
      limits,
      (key) => isControllable(state, key, carried.get(key)),
      now,
      state.failSafeA,
    )
    sendSetpoints(this.deps, state, deliveries, this.ctx.self, now)
    await this.#report(state, allocation, now)
    if (!replan) this.#lastScheduledEnd = this.deps.clock.now()
  }

  /**
   * What a session is to be sent: its share; 0 for all while the configuration has problems; a charger
   * that ignores its setpoint keeps the one it has (it draws what it draws, carried, and sending it
   * another would only stop the loop noticing), or, new on a connector known for it, the least a car
   * charges at: a car seen within that shows the charger obeys again.
   */
  #limitToSend(state: SiteState, a: SessionAllocation, carried: CarriedLoad | undefined): number {
    if (state.problems.length) return 0
    if (carried?.why === 'disobeying') return state.delivery.sent.get(a.sessionId)?.limitA ?? MIN_CHARGING_A
    return a.limitA
  }

  #recordLag(state: SiteState, now: number): void {
    const interval = state.config.site.loopIntervalMs
    const ms =
      this.#lastScheduledEnd === undefined ? 0 : Math.max(0, now - (this.#lastScheduledEnd + interval))
    this.#lags.push({ at: now, ms })
    while (this.#lags.length && this.#lags[0]!.at < now - 60_000) this.#lags.shift()
    this.deps.observeLag?.(ms / 1000)
  }

  async #report(state: SiteState, allocation: Allocation, now: number): Promise<void> {
    const load = siteLoad(state, allocation, now)
    const rolled = this.#loads.add(load)
    if (rolled.minute) {
      const meter = this.#meter.minuteColumns(rolled.minute.minute)
      await this.deps.writer.write([
        this.deps.sites.recordLoad({ siteId: this.siteId, ...rolled.minute, ...meter }),
      ])
    }
    if (rolled.hourMeanKw !== undefined) state.reachedKw = Math.max(state.reachedKw, rolled.hourMeanKw)
    if (now - this.#lastStatusAt >= 1000) {
      this.#lastStatusAt = now
      this.deps.bus.publish(subjects.siteStatus(this.siteId), this.#status(state, allocation, load, now))
    }
  }

  /** The full status, built only when it is published (about once a second, not every tick). */
  #status(state: SiteState, allocation: Allocation, load: SiteLoad, now: number): SiteStatus {
    const problems = [...state.problems.map((p) => `configuration: ${p} (charging stopped)`)]
    if (allocation.building.stale)
      problems.push('building meter reading is stale: assuming the building at its maximum')
    for (const [key, p] of state.sessionProblems) if (state.sessions.has(key)) problems.push(p)
    for (const key of state.ignoring)
      problems.push(
        `${key} ignores its setpoints: its full ${ratingOf(state, key)} A is held for it (check its smart charging settings)`,
      )
    const lag = { last: this.#lags.at(-1)?.ms ?? 0, max: Math.max(0, ...this.#lags.map((l) => l.ms)) }
    return buildStatus({
      config: state.config,
      input: state,
      allocation,
      sessions: [...state.sessions.values()],
      load,
      problems,
      sessionProblems: state.sessionProblems,
      lag,
      failSafeA: state.failSafeA,
      reachedKw: state.reachedKw,
      guarantee: this.#meter.guarantee(state.config, MIN_REPLAN_MS / 1000, now),
      now,
    })
  }

  #result(state: SiteState, msg: Extract<SiteMsg, { type: 'site.setpointResult' }>): void {
    if (state.sessions.get(msg.key)?.transactionId !== msg.transactionId) return
    const accepted = msg.outcome.status === 'Accepted'
    const sent = state.delivery.sent.get(msg.key)
    if (accepted && sent?.limitA === msg.limitA) this.#meter.noteLatency(this.deps.clock.now() - sent.sentAt)
    answered(state.delivery, msg.key, msg.limitA, accepted, this.deps.clock.now(), state.failSafeA)
    this.#replan()
    if (accepted) {
      state.sessionProblems.delete(msg.key)
      return
    }
    const detail = msg.outcome.detail ? `: ${msg.outcome.detail}` : ''
    state.sessionProblems.set(
      msg.key,
      `${msg.key} did not take its ${msg.limitA} A setpoint (${msg.outcome.status}${detail})`,
    )
  }
}

/** The site's OCPP building meter connected (it speaks `protocol`). */
function isMeterConnect(
  state: SiteState,
  e: ChargerEvent,
): e is Extract<ChargerEvent, { type: 'charger.connected' }> {
  const { site } = state.config
  return (
    site.buildingMeter === 'ocpp' &&
    e.type === 'charger.connected' &&
    e.chargerId === site.buildingMeterChargerId
  )
}

/** The chargers whose events the loop follows: the site's, and an OCPP building meter. */
function listenedChargers(config: SiteConfig): string[] {
  const ids = chargerIdsOf(config)
  const meter = config.site.buildingMeter === 'ocpp' ? config.site.buildingMeterChargerId : null
  return meter && !ids.includes(meter) ? [...ids, meter] : ids
}

/** The most a connector of the site can deliver (A). */
function ratingOf(state: SiteState, key: string): number {
  return state.connectors.find((c) => c.id === key)?.maxA ?? 0
}

/**
 * Setpoints can be sent to a session: its charger is reachable and has answered the last one (a
 * charger that ignores setpoints still gets its refreshes).
 */
function isControllable(state: SiteState, key: string, carried: CarriedLoad | undefined): boolean {
  const s = state.sessions.get(key)
  if (carried && carried.why !== 'disobeying' && carried.why !== 'arriving') return false
  return s !== undefined && state.online.has(s.chargerId)
}
