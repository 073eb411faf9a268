/**
 * A charger's link to the CSMS when it drops silently: nothing it sends gets through and commands get
 * no answer, but the CSMS only notices when the socket times out (Bun's `idleTimeout` with pings, 180 s
 * in `src/ocpp/gateway.ts`). Transaction messages (start, stop) wait in the charger's queue and go
 * out on reconnection, as OCPP 1.6 §4.10 and 2.0.1 E04 ask; everything else sent while down is lost.
 */

/** How long the CSMS takes to notice a silently dropped link (s). */
export const LINK_LOSS_DETECT_S = 180

/** What changed on the link in a second. */
export type LinkChange = 'none' | 'noticed' | 'recovered'

/** One charger's link: its down intervals, whether the CSMS has noticed, and the queued messages. */
export class ChargerLink<M> {
  readonly #down: readonly { readonly fromS: number; readonly toS: number }[]
  readonly #detectS: number
  readonly #queue: M[] = []
  #up = true
  #noticed = false
  #downSinceS = 0

  constructor(
    down: readonly { readonly fromS: number; readonly toS: number }[],
    detectS = LINK_LOSS_DETECT_S,
  ) {
    this.#down = down
    this.#detectS = detectS
  }

  /** Plays second `s` and says what the CSMS sees change. */
  tick(s: number): LinkChange {
    if (this.#down.length === 0) return 'none'
    let up = true
    for (const d of this.#down) if (s >= d.fromS && s < d.toS) up = false
    if (up === this.#up) {
      if (up || this.#noticed || s < this.#downSinceS + this.#detectS) return 'none'
      this.#noticed = true
      return 'noticed'
    }
    this.#up = up
    if (!up) {
      this.#downSinceS = s
      return 'none'
    }
    return 'recovered'
  }

  /** True while messages get through. */
  get up(): boolean {
    return this.#up
  }

  /** True when the CSMS noticed the drop before the link came back (read on `recovered`). */
  get noticed(): boolean {
    return this.#noticed
  }

  /** Forgets the drop once the reconnection is handled. */
  settle(): void {
    this.#noticed = false
  }

  /** Keeps a transaction message for the reconnection. */
  hold(message: M): void {
    this.#queue.push(message)
  }

  /** The held messages, oldest first; the queue is empty afterwards. */
  drain(): M[] {
    return this.#queue.splice(0)
  }
}
