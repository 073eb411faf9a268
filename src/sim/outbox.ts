import type { Clock } from '@src/lib/clock'
import type { ClientOutcome } from './ocpp-client'

/** How a queued call ended: answered, or dropped (offline and not durable, or the charger stopped). */
export type OutboxOutcome = ClientOutcome | { kind: 'dropped'; description: string }

/** Sends one call on the current connection; throws when there is none or it fails (closed, timeout). */
export type Transmit = (action: string, payload: unknown) => Promise<ClientOutcome>

interface Item {
  action: string
  payload: unknown
  durable: boolean
  attempts: number
  resolve: (o: OutboxOutcome) => void
}

/** Options of an {@link Outbox}. */
export interface OutboxOptions {
  transmit: Transmit
  clock: Clock
  /** TransactionMessageAttempts: tries of a durable message answered with a CALLERROR or timing out. */
  attempts: () => number
  /** TransactionMessageRetryInterval (ms): the wait between those tries. */
  retryMs: () => number
}

/**
 * The charger's outgoing calls, one at a time and in order, as OCPP-J asks of a charge point. Durable
 * messages (StartTransaction, StopTransaction) wait out a lost connection and are retried; others are
 * dropped while offline, as real stations drop stale heartbeats and status notifications.
 */
export class Outbox {
  readonly #queue: Item[] = []
  #ready = false
  #closed = false
  #pumping = false
  #wake: (() => void) | undefined

  constructor(private readonly o: OutboxOptions) {}

  /** Calls waiting or in flight. */
  get size(): number {
    return this.#queue.length
  }

  /** Online and accepted (calls may flow) or not. */
  setReady(ready: boolean): void {
    this.#ready = ready
    this.#poke()
  }

  /** Queues a call; resolves with its answer, or `dropped`. */
  enqueue(action: string, payload: unknown, durable: boolean): Promise<OutboxOutcome> {
    if (this.#closed || (!this.#ready && !durable)) return Promise.resolve(dropped('offline'))
    return new Promise((resolve) => {
      this.#queue.push({ action, payload, durable, attempts: 0, resolve })
      void this.#pump()
    })
  }

  /** Drops everything queued and refuses new calls (the charger is switched off). */
  close(): void {
    this.#closed = true
    for (const item of this.#queue.splice(0)) item.resolve(dropped('charger stopped'))
    this.#poke()
  }

  #poke(): void {
    const wake = this.#wake
    this.#wake = undefined
    wake?.()
  }

  async #pump(): Promise<void> {
    if (this.#pumping) return
    this.#pumping = true
    try {
      for (let item = this.#queue[0]; item; item = this.#queue[0]) {
        if (!this.#ready) {
          if (!item.durable) this.#finish(item, dropped('offline'))
          else await new Promise<void>((resolve) => (this.#wake = resolve))
          continue
        }
        await this.#attempt(item)
      }
    } finally {
      this.#pumping = false
    }
  }

  async #attempt(item: Item): Promise<void> {
    let outcome: ClientOutcome | undefined
    try {
      outcome = await this.o.transmit(item.action, item.payload)
    } catch {
      outcome = undefined
    }
    if (this.#queue[0] !== item) return
    const failed = outcome === undefined || outcome.kind === 'error'
    if (!failed) return this.#finish(item, outcome as ClientOutcome)
    if (!item.durable) return this.#finish(item, outcome ?? dropped('connection lost'))
    if (outcome === undefined && !this.#ready) return // wait for the connection to come back
    item.attempts++
    if (item.attempts >= this.o.attempts()) return this.#finish(item, outcome ?? dropped('no answer'))
    await new Promise<void>((resolve) => {
      const timer = this.o.clock.setTimeout(() => resolve(), this.o.retryMs())
      this.#wake = () => {
        this.o.clock.clearTimeout(timer)
        resolve()
      }
    })
  }

  #finish(item: Item, outcome: OutboxOutcome): void {
    if (this.#queue[0] === item) this.#queue.shift()
    item.resolve(outcome)
  }
}

function dropped(description: string): OutboxOutcome {
  return { kind: 'dropped', description }
}
