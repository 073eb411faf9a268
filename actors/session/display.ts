import type { ChargerCommand, CommandOutcome } from '@src/domain/charger/commands'
import { isLanguage, type Language } from '@src/domain/driver-pages/language'
import {
  COSTMSG,
  COSTMSG_VENDOR,
  type CostDisplay16,
  type CostmsgPrices,
  finalCost,
  runningCost,
  setUserPrice,
  tariffPrices,
} from '@src/domain/sessions/california-pricing'
import { DISPLAY_DECIMALS } from '@src/domain/sessions/display-cost'
import { type LiveSession, shownTotal } from '@src/domain/sessions/live-session'
import { priceText } from '@src/domain/sessions/price-text'
import { throttleDelay } from '@src/domain/sessions/throttle'
import type { Tariff } from '@src/domain/tariffs/tariff'
import type { Clock } from '@src/lib/clock'
import type { Logger } from '@src/lib/log'
import type { DisplayCapability } from './capabilities'

/** What the display of one session needs. */
export interface DisplayDeps {
  clock: Clock
  log: Logger
  /** Sends a command through whichever node holds the charger (the charger actor's client). */
  command: (chargerId: string, command: ChargerCommand) => Promise<CommandOutcome>
  /** At most one running cost per this many ms per session, and only when it changed. */
  displayEveryMs: number
  /** The driver's receipt page (the 1.6 FinalCost's QR code), e.g. `https://csms.example.com/me`. */
  receiptUrl: string
}

/** The session a display shows. */
export interface DisplayedSession {
  transactionId: number
  chargerId: string
  idTag: string | null
}

/**
 * Tells a charger's display about one session, as far as the charger said it can show it: 2.0.1
 * CostUpdated, or the 1.6 California Pricing DataTransfers (SetUserPrice on the start, RunningCost
 * while it runs, FinalCost at the end). Running costs are throttled: at most one per
 * `displayEveryMs`, and only when the cost changed. Sending never blocks the session: a command's
 * outcome is only logged at debug (a display that misses one shows the next).
 */
export class SessionDisplay {
  #lastAt: number | undefined
  #lastCost: string | undefined
  /** 1.6 only, worked out once from the tariff (the actor keeps no tariff body): the price text and prices. */
  readonly #priceText: string | undefined
  readonly #prices: CostmsgPrices | undefined

  constructor(
    private readonly capability: DisplayCapability,
    private readonly session: DisplayedSession,
    tariff: Tariff | null,
    private readonly deps: DisplayDeps,
  ) {
    if (capability.kind === 'none')
      deps.log.debug('charger display not told the cost', { charger: session.chargerId, why: capability.why })
    if (capability.kind === 'costmsg' && tariff) {
      this.#priceText = priceText(tariff, languageOf(capability.display))
      this.#prices = tariffPrices(tariff, decimalsOf(capability.display))
    }
  }

  /** The session started: a 1.6 display gets the driver's price text. */
  started(): void {
    if (this.#priceText === undefined || this.session.idTag === null) return
    this.#send(dataTransfer(COSTMSG.setUserPrice, setUserPrice(this.session.idTag, this.#priceText)))
  }

  /** The running cost changed (throttled, see the class). */
  running(view: LiveSession, meterWh: number | null, charging: boolean): void {
    if (!view.cost || this.capability.kind === 'none') return
    const cost = shownTotal(view.cost)
    const now = this.deps.clock.now()
    if (cost === this.#lastCost || throttleDelay(this.#lastAt, now, this.deps.displayEveryMs) > 0) return
    this.#lastAt = now
    this.#lastCost = cost
    const { transactionId } = this.session
    if (this.capability.kind === 'costUpdated') {
      this.#send({ type: 'costUpdated', transactionId, totalCost: cost })
      return
    }
    const data = runningCost({
      transactionId,
      at: view.cost.pricedUntil,
      meterWh: meterWh ?? 0,
      cost,
      charging,
      prices: this.#prices ?? { chargingPrice: {} },
      decimals: decimalsOf(this.capability.display),
    })
    this.#send(dataTransfer(COSTMSG.runningCost, data))
  }

  /** The session ended: a 1.6 display gets the final cost (2.0.1 had it in the answer to its Ended event). */
  ended(view: LiveSession): void {
    const c = this.capability
    if (c.kind !== 'costmsg' || !view.cost) return
    const cost = shownTotal(view.cost)
    const text = `${cost} ${view.cost.currency}`
    const data = finalCost({
      transactionId: this.session.transactionId,
      cost,
      decimals: decimalsOf(c.display),
      priceText: text,
      qrCodeText: this.deps.receiptUrl,
    })
    this.#send(dataTransfer(COSTMSG.finalCost, data))
  }

  #send(command: ChargerCommand): void {
    const { chargerId, transactionId } = this.session
    this.deps.command(chargerId, command).then(
      (o) => {
        if (o.status !== 'Accepted')
          this.deps.log.debug('charger display refused', {
            charger: chargerId,
            transactionId,
            status: o.status,
          })
      },
      (err: unknown) => this.deps.log.warn('charger display not reached', { charger: chargerId, err }),
    )
  }
}

const dataTransfer = (messageId: string, data: string): ChargerCommand => ({
  type: 'dataTransfer',
  vendorId: COSTMSG_VENDOR,
  messageId,
  data,
})

const decimalsOf = (d: CostDisplay16) => d.decimals ?? DISPLAY_DECIMALS

/** The first of the charger's languages we write (`sv-SE` counts as `sv`), else English. */
function languageOf(d: CostDisplay16): Language {
  const ours = d.languages.map((l) => l.split('-')[0]).find(isLanguage)
  return ours ?? 'en'
}
