import type { ActorContext, ActorFactory, Behavior } from '@actors/runtime/types'
import { subjects } from '@src/bus/subjects'
import { type CommandOutcome, outcome } from '@src/domain/charger/commands'
import { type ChargerEvent, eventSuffix } from '@src/domain/charger/events'
import { servedBudget } from '@src/lib/timeouts'
import { authorizeAndRecord } from './authorization'
import { chargerCommandRequestSchema } from './client'
import { runCommand } from './commands'
import type { ChargerContext } from './context'
import type { ChargerDeps } from './deps'
import type { ChargerMsg } from './protocol'
import { certificateRequested, chargingNeedsReported, deviceReported, reservationUpdated } from './reports'
import { type ChargerState, connectorKey, openTxFromRow } from './state'
import { statusChanged } from './status'
import { withDisplay } from './transaction-display'
import { onMeterSampled, onTransaction } from './transactions'

type Msg<T extends ChargerMsg['type']> = Extract<ChargerMsg, { type: T }>

/**
 * The actor of one charging station, on the node that holds its socket. It owns the station's live
 * state, writes everything that bills before answering (through the group-commit writer), and
 * publishes domain events. It speaks the neutral language of `protocol.ts`; OCPP stays in the adapters.
 */
export function chargerActor(chargerId: string, deps: ChargerDeps): ActorFactory<ChargerMsg> {
  return (ctx) => new ChargerBehavior(chargerId, deps, ctx)
}

class ChargerBehavior implements Behavior<ChargerMsg> {
  readonly #state: ChargerState = {
    registration: 'Rejected',
    link: undefined,
    connectors: new Map(),
    epoch: 0,
    open: new Map(),
    fences: undefined,
  }
  readonly #ctx: ChargerContext
  /** Releases the command subject this actor serves while its charger is connected here. */
  #unserve: (() => void) | undefined

  constructor(
    private readonly id: string,
    private readonly deps: ChargerDeps,
    private readonly ctx: ActorContext<ChargerMsg>,
  ) {
    this.#ctx = { chargerId: id, deps, state: this.#state, publish: (e) => this.#publish(e) }
  }

  async start(): Promise<void> {
    const [row, connectors, open] = await Promise.all([
      this.deps.chargers.find(this.id),
      this.deps.chargers.connectorsOf(this.id),
      this.deps.transactions.openOf(this.id),
    ])
    this.#state.registration = (row?.registration ?? 'Rejected') as ChargerState['registration']
    for (const c of connectors) {
      this.#state.connectors.set(connectorKey(c.evseId, c.connectorId), {
        status: c.status,
        errorCode: c.errorCode,
        statusAt: c.statusAt,
        epoch: -1,
      })
    }
    for (const r of open) this.#state.open.set(r.ocppTxId, openTxFromRow(r))
    this.#state.link = this.deps.links.get(this.id)
    if (this.#state.link) this.#serveCommands()
  }

  async receive(msg: ChargerMsg): Promise<void> {
    const ctx = this.#ctx
    switch (msg.type) {
      case 'charger.connect':
        return this.#connect(msg)
      case 'charger.disconnect':
        return this.#disconnect(msg)
      case 'charger.idle':
        if (!this.#state.link) this.ctx.stop()
        return
      case 'charger.booted':
        return this.#boot(msg)
      case 'charger.heartbeat':
        await this.deps.writer.write([this.deps.chargers.touch(this.id, this.deps.clock.now())])
        return msg.reply({ currentTime: this.deps.clock.now() })
      case 'charger.statusChanged':
        return statusChanged(ctx, msg)
      case 'charger.tokenPresented':
        return msg.reply(await authorizeAndRecord(ctx, msg.idToken))
      case 'charger.transactionStarted':
      case 'charger.transactionUpdated':
      case 'charger.transactionEnded':
        return msg.reply(await withDisplay(ctx, msg, await onTransaction(ctx, msg)))
      case 'charger.meterSampled':
        await onMeterSampled(ctx, msg)
        return msg.reply()
      case 'charger.deviceReported':
        await deviceReported(ctx, msg)
        return msg.reply()
      case 'charger.chargingNeedsReported':
        return msg.reply(await chargingNeedsReported(ctx, msg))
      case 'charger.reservationUpdated':
        await reservationUpdated(ctx, msg)
        return msg.reply()
      case 'charger.certificateRequested':
        return msg.reply(await certificateRequested(ctx, msg))
      case 'charger.dataTransferred':
        return this.#dataTransfer(msg)
      case 'charger.reported':
        return this.#report(msg)
      case 'charger.command':
        return this.#command(msg)
    }
  }

  /**
   * The newest connection wins: an older one (connections of one charger can open at once, and the
   * actor may already hold the newest from its start) is closed, never the newer.
   */
  async #connect(msg: Msg<'charger.connect'>): Promise<void> {
    const previous = this.#state.link
    if (previous && previous.seq > msg.link.seq) {
      msg.link.close(4000, 'replaced by a newer connection')
      return msg.reply({ registration: this.#state.registration })
    }
    if (previous && previous !== msg.link) previous.close(4000, 'replaced by a newer connection')
    this.#state.link = msg.link
    this.#state.epoch++
    this.#serveCommands()
    this.ctx.timers.cancel('linger')
    const now = this.deps.clock.now()
    await this.deps.writer.write([
      this.deps.chargers.setOnline(this.id, {
        online: true,
        nodeId: this.deps.nodeId,
        protocol: msg.link.protocol,
        now,
      }),
    ])
    this.#publish({
      type: 'charger.connected',
      chargerId: this.id,
      protocol: msg.link.protocol,
      nodeId: this.deps.nodeId,
      at: now,
    })
    msg.reply({ registration: this.#state.registration })
  }

  async #disconnect(msg: Msg<'charger.disconnect'>): Promise<void> {
    if (msg.link !== this.#state.link) return
    this.#state.link = undefined
    this.#unserve?.()
    this.#unserve = undefined
    const now = this.deps.clock.now()
    await this.deps.writer.write([
      this.deps.chargers.setOnline(this.id, { online: false, nodeId: null, now }),
    ])
    this.#publish({ type: 'charger.disconnected', chargerId: this.id, at: now })
    this.ctx.timers.startSingle('linger', { type: 'charger.idle' }, this.deps.lingerMs)
  }

  async #boot(msg: Msg<'charger.booted'>): Promise<void> {
    const now = this.deps.clock.now()
    const row = await this.deps.chargers.find(this.id)
    this.#state.registration = (row?.registration ?? 'Rejected') as ChargerState['registration']
    if (row) await this.deps.writer.write([this.deps.chargers.recordBoot(this.id, msg.station, now)])
    this.#state.epoch++
    const status = this.#state.registration
    const why =
      status === 'Accepted' ? {} : { why: `its registration is ${status}: set it to Accepted in the admin` }
    this.deps.bootLog.info(this.id, `charger booted: ${status}`, {
      charger: this.id,
      vendor: msg.station.vendor,
      model: msg.station.model,
      firmware: msg.station.firmwareVersion ?? null,
      ...why,
    })
    this.#publish({
      type: 'charger.booted',
      chargerId: this.id,
      station: msg.station,
      registration: status,
      at: now,
    })
    msg.reply({ status, intervalS: this.deps.heartbeatIntervalS, currentTime: now })
  }

  /** We implement no vendor extensions: the message is recorded and answered UnknownVendorId. */
  async #dataTransfer(msg: Msg<'charger.dataTransferred'>): Promise<void> {
    const payload = { vendorId: msg.vendorId, messageId: msg.messageId ?? null, data: msg.data ?? null }
    await this.deps.writer.write([
      this.deps.chargers.logEvent(this.id, this.deps.clock.now(), 'DataTransfer', payload),
    ])
    msg.reply({ status: 'UnknownVendorId' })
  }

  async #report(msg: Msg<'charger.reported'>): Promise<void> {
    const now = this.deps.clock.now()
    await this.deps.writer.write([this.deps.chargers.logEvent(this.id, now, msg.kind, msg.payload)])
    this.#publish({
      type: 'charger.reported',
      chargerId: this.id,
      kind: msg.kind,
      payload: msg.payload,
      at: now,
    })
    msg.reply()
  }

  /**
   * Runs outside this turn, so the mailbox stays free: the station may need us to answer its own calls
   * while it works on ours. The command only touches the database, never this actor's state.
   */
  #command(msg: Msg<'charger.command'>): void {
    const link = this.#state.link
    if (!link) {
      msg.reply(outcome.offline())
      return
    }
    runCommand(this.#ctx, link, msg.command, msg.deadline).then(msg.reply, (err: unknown) =>
      msg.reply({ status: 'Failed', detail: err instanceof Error ? err.message : String(err) }),
    )
  }

  /** While connected here, this node answers the charger's command subject on the bus. */
  #serveCommands(): void {
    this.#unserve ??= this.ctx.serve(subjects.chargerCommand(this.id), (payload) => this.#busCommand(payload))
  }

  #busCommand(payload: unknown): Promise<CommandOutcome> | CommandOutcome {
    const parsed = chargerCommandRequestSchema.safeParse(payload)
    if (!parsed.success)
      return { status: 'Rejected', detail: `invalid command: ${parsed.error.issues[0]?.message}` }
    const { command, budgetMs } = parsed.data
    const { askMs, callDeadline } = servedBudget(budgetMs, this.deps.clock.now())
    return this.ctx.self.ask<CommandOutcome>(
      (reply) => ({ type: 'charger.command', command, deadline: callDeadline, reply }),
      askMs,
    )
  }

  #publish(event: ChargerEvent): void {
    this.deps.bus.publish(subjects.chargerEvent(this.id, eventSuffix(event)), event)
  }
}
