import type { Bus, Unsubscribe } from '@src/bus/port'
import { subjects } from '@src/bus/subjects'
import { type LiveSession, liveSessionSchema } from '@src/domain/sessions/live-session'

/** Hears one session's update. */
export type CardListener = (session: LiveSession) => void

/**
 * Every session's `session.updated` for the driver streams of one node, handed to the streams that
 * watch the session's card: one bus subscription however many driver pages are open (taken with the
 * first watch, given up with the last), each update validated once and looked up by its card, so an
 * update costs the same with one page open or ten thousand.
 */
export class CardUpdates {
  readonly #byCard = new Map<string, Set<CardListener>>()
  #off: Unsubscribe | undefined

  constructor(private readonly bus: Bus) {}

  /** Hears the updates of sessions of `cards` until the returned function is called. */
  watch(cards: readonly string[], listener: CardListener): () => void {
    if (cards.length === 0) return () => undefined
    this.#off ??= this.bus.subscribe(subjects.allSessionUpdates, (payload) => this.#deliver(payload))
    for (const card of cards) {
      const set = this.#byCard.get(card) ?? new Set()
      set.add(listener)
      this.#byCard.set(card, set)
    }
    return () => {
      for (const card of cards) {
        const set = this.#byCard.get(card)
        set?.delete(listener)
        if (set?.size === 0) this.#byCard.delete(card)
      }
      if (this.#byCard.size === 0) {
        this.#off?.()
        this.#off = undefined
      }
    }
  }

  #deliver(payload: unknown): void {
    const parsed = liveSessionSchema.safeParse(payload)
    if (!parsed.success || parsed.data.idTag === null) return
    const listeners = this.#byCard.get(parsed.data.idTag)
    if (listeners) for (const listener of [...listeners]) listener(parsed.data)
  }
}
