import type { Rng } from './prng'

/**
 * The drivers' cards: each driver at a connector holds one, so two cars rarely present the same card
 * at once (which the CSMS would refuse as ConcurrentTx). When every card is out, any card is drawn.
 *
 * @example
 * const cards = new CardPool(['A', 'B'])
 * const card = cards.take(rng) // 'A' or 'B', not taken again until cards.give(card)
 */
export class CardPool {
  readonly #out = new Map<string, number>()

  constructor(readonly tokens: readonly string[]) {}

  /** A card nobody holds (at random), or any card when all are out. */
  take(rng: Rng): string {
    const free = this.tokens.filter((t) => !this.#out.has(t))
    const card = rng.pick(free.length ? free : this.tokens)
    this.#out.set(card, (this.#out.get(card) ?? 0) + 1)
    return card
  }

  /** The driver left with the card. */
  give(card: string): void {
    const n = (this.#out.get(card) ?? 0) - 1
    if (n > 0) this.#out.set(card, n)
    else this.#out.delete(card)
  }
}
