import type { SupervisionOptions } from './types'

/**
 * Restart bookkeeping (pure): remembers restart times inside the sliding window and says whether one
 * more restart is allowed.
 */
export class RestartWindow {
  #times: number[] = []

  constructor(private readonly options: SupervisionOptions) {}

  /** Records a failure at `now`; true if the actor may restart, false if it must give up. */
  allow(now: number): boolean {
    const since = now - this.options.withinMs
    this.#times = this.#times.filter((t) => t > since)
    if (this.#times.length >= this.options.maxRestarts) return false
    this.#times.push(now)
    return true
  }
}

/** Default: three restarts a minute, then give up. */
export const defaultSupervision: SupervisionOptions = { maxRestarts: 3, withinMs: 60_000 }
