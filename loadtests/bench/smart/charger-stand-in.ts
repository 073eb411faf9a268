import type { Bus } from '@src/bus/port'
import { subjects } from '@src/bus/subjects'
import type { ChargersRepo } from '@src/db/repos/chargers'
import type { DeviceRepo } from '@src/db/repos/device'
import type { TransactionsRepo } from '@src/db/repos/transactions'
import type { DbWriter, WriteQuery } from '@src/db/writer'
import { type ChargerEvent, eventSuffix } from '@src/domain/charger/events'
import type { Clock } from '@src/lib/clock'
import { endedTransaction, startedTransaction } from '@src/testing/transactions'

/** What the stand-in writes to and publishes on. */
export interface StandInDeps {
  clock: Clock
  bus: Bus
  writer: DbWriter
  transactions: TransactionsRepo
  chargers: ChargersRepo
  device: DeviceRepo
  nodeId: string
}

/** A running transaction as the stand-in knows it: its row and its start reading. */
interface OpenRow {
  id: number
  meterStartWh: number
  startedAt: number
}

/**
 * What the charger actors would do with the events the simulated chargers send, without OCPP: the rows
 * the site loop reads (a transaction inserted at its start, its register reading and charging state as
 * they come, its end; the charger online or not; an EV's charging needs), committed before the event is
 * published on the charger's bus subject with our transaction id, as `actors/charger` publishes it. The
 * world numbers transactions its own way; the stand-in maps them to row ids as the charger actor maps
 * wire ids.
 */
export class ChargerStandIn {
  readonly #open = new Map<string, OpenRow>()
  /** Chargers the CSMS holds a connection for (a command to any other is answered Offline at once). */
  readonly connected = new Set<string>()

  constructor(private readonly deps: StandInDeps) {}

  /**
   * Registers a charger as the operator does before it first connects; `online` also records it
   * connected, for a device that is already there when the run starts (an OCPP building meter).
   */
  async register(chargerId: string, online: boolean): Promise<void> {
    const { deps } = this
    const now = deps.clock.now()
    const writes: WriteQuery[] = [deps.chargers.upsert({ id: chargerId, now })]
    if (online) writes.push(deps.chargers.setOnline(chargerId, { online, nodeId: deps.nodeId, now }))
    await deps.writer.write(writes)
    if (online) this.connected.add(chargerId)
  }

  /** The row id of the world's transaction `worldTxId` on `chargerId`, while it runs. */
  rowIdOf(chargerId: string, worldTxId: number): number | undefined {
    return this.#open.get(keyOf(chargerId, worldTxId))?.id
  }

  /** Takes one event from a simulated charger: its rows first, then the event on the bus. */
  async take(e: ChargerEvent): Promise<void> {
    const published = await this.#record(e)
    if (published)
      this.deps.bus.publish(subjects.chargerEvent(e.chargerId, eventSuffix(published)), published)
  }

  /** Writes what the event changes; returns the event as the charger actor publishes it (none: dropped). */
  async #record(e: ChargerEvent): Promise<ChargerEvent | undefined> {
    const { deps } = this
    const now = deps.clock.now()
    switch (e.type) {
      case 'charger.connected':
      case 'charger.disconnected': {
        const online = e.type === 'charger.connected'
        if (online) this.connected.add(e.chargerId)
        else this.connected.delete(e.chargerId)
        const nodeId = online ? deps.nodeId : null
        await deps.writer.write([deps.chargers.setOnline(e.chargerId, { online, nodeId, now })])
        return e
      }
      case 'charger.transactionStarted':
        return { ...e, transactionId: await this.#start(e) }
      case 'charger.transactionUpdated': {
        const tx = this.#open.get(keyOf(e.chargerId, e.transactionId))
        if (!tx) return undefined
        await deps.writer.write([
          deps.transactions.patch(tx.id, { chargingState: e.chargingState, updatedAt: now }),
        ])
        return { ...e, transactionId: tx.id }
      }
      case 'charger.meterSampled':
        return this.#sampled(e, now)
      case 'charger.chargingNeeds':
        await deps.writer.write([
          deps.device.upsertNeeds({
            chargerId: e.chargerId,
            evseId: e.evseId,
            receivedAt: now,
            departureAt: e.departureAt,
            energyWh: e.energyWh,
            minCurrentA: e.minCurrentA,
            maxCurrentA: e.maxCurrentA,
            transferMode: 'AC_three_phase',
            payload: {},
          }),
        ])
        return e
      case 'charger.transactionEnded':
        return this.#end(e, now)
      default:
        return e
    }
  }

  async #start(e: Extract<ChargerEvent, { type: 'charger.transactionStarted' }>): Promise<number> {
    const { deps } = this
    const meterStartWh = e.meterStartWh ?? 0
    const [[row]] = await deps.writer.write([
      startedTransaction(deps.transactions, {
        chargerId: e.chargerId,
        evseId: e.evseId,
        connectorId: e.connectorId,
        idTag: e.idTag,
        startStatus: 'Accepted',
        reservationId: null,
        startedAt: e.at,
        meterStartWh,
        ocppTxId: String(e.transactionId),
        now: deps.clock.now(),
      }),
    ] as const)
    if (!row) throw new Error(`transaction ${e.transactionId} on ${e.chargerId} was not inserted`)
    this.#open.set(keyOf(e.chargerId, e.transactionId), { id: row.id, meterStartWh, startedAt: e.at })
    return row.id
  }

  /** A meter value: the register reading of a running transaction is stored, as the charger actor's meter. */
  async #sampled(
    e: Extract<ChargerEvent, { type: 'charger.meterSampled' }>,
    now: number,
  ): Promise<ChargerEvent> {
    const tx = e.transactionId === null ? undefined : this.#open.get(keyOf(e.chargerId, e.transactionId))
    if (!tx) return { ...e, transactionId: null }
    if (e.energyWh !== null)
      await this.deps.writer.write([
        this.deps.transactions.patchMeter(tx.id, {
          meterStartWh: tx.meterStartWh,
          meterStartAt: tx.startedAt,
          meterStartRank: 2,
          lastMeterWh: tx.meterStartWh + e.energyWh,
          lastMeterAt: e.at,
          lastMeterRank: 0,
          meterFlags: null,
          updatedAt: now,
        }),
      ])
    return { ...e, transactionId: tx.id }
  }

  async #end(
    e: Extract<ChargerEvent, { type: 'charger.transactionEnded' }>,
    now: number,
  ): Promise<ChargerEvent | undefined> {
    const key = keyOf(e.chargerId, e.transactionId)
    const tx = this.#open.get(key)
    if (!tx) return undefined
    this.#open.delete(key)
    const energyWh = e.energyWh ?? 0
    const end = endedTransaction(this.deps.transactions, tx.id, {
      endedAt: e.at,
      meterStopWh: tx.meterStartWh + energyWh,
      energyWh,
      stopReason: e.reason ?? 'EVDisconnected',
      stopIdTag: null,
      now,
    })
    await this.deps.writer.write([end])
    return { ...e, transactionId: tx.id }
  }
}

const keyOf = (chargerId: string, worldTxId: number) => `${chargerId}#${worldTxId}`
