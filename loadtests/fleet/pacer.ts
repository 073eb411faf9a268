/**
 * Runs `fire` at a steady rate (per second) from a short interval timer, open loop: when `fire`
 * cannot act (every charger still waits for an answer) the slot is counted as missed, not carried
 * over, so a slow server shows up as a rate shortfall rather than a burst later.
 */
export class Pacer {
  #timer: ReturnType<typeof setInterval> | undefined
  #credit = 0
  #last = 0
  #rate: number

  constructor(
    rate: number,
    private readonly fire: () => boolean,
    private readonly onMissed: () => void,
    private readonly tickMs = 5,
  ) {
    this.#rate = rate
  }

  /** Events per second (0 pauses). */
  get rate(): number {
    return this.#rate
  }

  set rate(r: number) {
    this.#rate = Math.max(0, r)
    this.#credit = Math.min(this.#credit, 1)
    if (this.#rate > 0) this.#start()
    else this.stop()
  }

  /** Starts ticking (no-op at rate 0 or when running). */
  start(): this {
    if (this.#rate > 0) this.#start()
    return this
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer)
    this.#timer = undefined
  }

  #start(): void {
    if (this.#timer !== undefined) return
    this.#last = performance.now()
    this.#timer = setInterval(() => this.#tick(), this.tickMs)
  }

  #tick(): void {
    const now = performance.now()
    this.#credit += (this.#rate * (now - this.#last)) / 1000
    this.#last = now
    const n = Math.floor(this.#credit)
    this.#credit -= n
    for (let i = 0; i < n; i++) if (!this.fire()) this.onMissed()
  }
}
