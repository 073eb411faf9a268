import type { ActorContext, ActorFactory, Behavior } from '@actors/runtime/types'
import { subjects } from '@src/bus/subjects'
import type { TransactionRow } from '@src/db/repos/transactions'
import { type ChargerEvent, chargerEventSchema } from '@src/domain/charger/events'
import type { LiveSession } from '@src/domain/sessions/live-session'
import { throttleDelay } from '@src/domain/sessions/throttle'
import { liveSessionOf } from '@src/services/live-sessions'
import type { SessionCost } from '@src/services/session-costs'
import { displayCapability } from './capabilities'
import type { SessionDeps } from './deps'
import { SessionDisplay } from './display'
import type { SessionMsg } from './protocol'

/** N: a running session publishes `session.updated` at most once per 5 s (besides its start and end). */
export const SESSION_PUBLISH_MS = 5_000
/** A charger's display is told a running cost at most once a minute per session, and only when it changed. */
export const SESSION_DISPLAY_MS = 60_000

/**
 * The actor of one charging session (its id: the transaction id), from its start until its CDR is
 * written. It holds the live view (energy, power, cost so far, tariff version, departure), publishes
 * it as `session.updated` on the start, at most every `publishEveryMs` while readings come in, and on
 * the end, and tells the charger's display. The cost is priced by `SessionCosts` from the stored
 * readings (the CDR's function and data), so the last cost shown is the CDR's total. Nothing lives
 * only in memory: a restart reloads the transaction and reprices it, and an ended one is finished.
 */
export function sessionActor(transactionId: number, deps: SessionDeps): ActorFactory<SessionMsg> {
  return (ctx) => new SessionBehavior(transactionId, deps, ctx)
}

class SessionBehavior implements Behavior<SessionMsg> {
  #view: LiveSession | undefined
  #display: SessionDisplay | undefined
  #lastPublishedAt: number | undefined
  #dirty = false
  #charging = true

  constructor(
    private readonly id: number,
    private readonly deps: SessionDeps,
    private readonly ctx: ActorContext<SessionMsg>,
  ) {}

  async start(): Promise<void> {
    const row = await this.deps.transactions.find(this.id)
    if (!row) return this.ctx.stop()
    this.ctx.subscribe(subjects.chargerEvents(row.chargerId), (payload) => {
      const parsed = chargerEventSchema.safeParse(payload)
      if (parsed.success && concerns(parsed.data, this.id))
        this.ctx.self.tell({ type: 'session.chargerEvent', event: parsed.data })
    })
    this.#charging = row.chargingState === null || row.chargingState === 'Charging'
    this.#display = await this.#displayOf(row)
    if (row.endedAt !== null) return this.#finish()
    this.#display.started()
    await this.#refresh(row)
  }

  async receive(msg: SessionMsg): Promise<void> {
    switch (msg.type) {
      case 'session.get':
        return msg.reply(this.#view)
      case 'session.tick':
        if (this.#dirty) await this.#refresh()
        return
      case 'session.chargerEvent':
        return this.#onEvent(msg.event)
    }
  }

  async #onEvent(event: ChargerEvent): Promise<void> {
    if (event.type === 'charger.connected' && event.nodeId !== this.deps.nodeId) return this.ctx.stop()
    if (event.type === 'charger.transactionEnded') return this.#finish()
    if (event.type === 'charger.transactionUpdated') this.#charging = event.chargingState === 'Charging'
    if (event.type === 'charger.meterSampled' && this.#view && event.readings.powerW !== undefined)
      this.#view.powerW = event.readings.powerW
    if (event.type !== 'charger.meterSampled' && event.type !== 'charger.transactionUpdated') return
    this.#dirty = true
    const delay = throttleDelay(this.#lastPublishedAt, this.deps.clock.now(), this.deps.publishEveryMs)
    if (delay === 0) return this.#refresh()
    if (!this.ctx.timers.isActive('tick'))
      this.ctx.timers.startSingle('tick', { type: 'session.tick' }, delay)
  }

  /** Reprices from the stored readings, publishes, and tells the display (throttled there). */
  async #refresh(given?: TransactionRow): Promise<void> {
    const row = given ?? (await this.deps.transactions.find(this.id))
    if (!row) return this.ctx.stop()
    const view = this.#publish(row, await this.deps.costs.costOf(row))
    this.#display?.running(view, row.lastMeterWh, this.#charging)
  }

  /** The session ended: its CDR is written (once, by whoever comes first), the final view published. */
  async #finish(): Promise<void> {
    await this.deps.cdrs.write(this.id)
    const row = await this.deps.transactions.find(this.id)
    if (row) this.#display?.ended(this.#publish(row, await this.deps.costs.costOf(row)))
    this.ctx.stop()
  }

  #publish(row: TransactionRow, cost: SessionCost | null): LiveSession {
    const now = this.deps.clock.now()
    const view = liveSessionOf(row, cost, this.#view?.powerW ?? null, now)
    this.#view = view
    this.#lastPublishedAt = now
    this.#dirty = false
    this.deps.bus.publish(subjects.sessionUpdated(row.id), view)
    return view
  }

  async #displayOf(row: TransactionRow): Promise<SessionDisplay> {
    const [charger, variables, version] = await Promise.all([
      this.deps.chargers.find(row.chargerId),
      this.deps.device.variables(row.chargerId),
      row.tariffId === null || row.tariffVersion === null
        ? undefined
        : this.deps.tariffs.version(row.tariffId, row.tariffVersion),
    ])
    const session = { transactionId: row.id, chargerId: row.chargerId, idTag: row.idTag }
    const capability = displayCapability(charger?.protocol ?? null, variables)
    return new SessionDisplay(capability, session, version?.body ?? null, { ...this.deps, log: this.ctx.log })
  }
}

/** True for an event about transaction `id`, or its charger's connection (it may have moved). */
function concerns(event: ChargerEvent, id: number): boolean {
  return event.type === 'charger.connected' || ('transactionId' in event && event.transactionId === id)
}
