/**
 * A small seeded pseudo-random generator (mulberry32) with the distributions the simulator needs. The
 * same seed gives the same fleet, so a demo or a load test can be replayed exactly.
 *
 * @example
 * const rng = new Rng(42)
 * rng.exponential(600) // seconds until the next arrival, mean 10 minutes
 */
export class Rng {
  #state: number

  constructor(seed: number) {
    this.#state = seed >>> 0
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0
    let t = this.#state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** Uniform in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next()
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return Math.floor(this.uniform(min, max + 1))
  }

  /** Exponentially distributed with the given mean: the gaps of a Poisson process. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next())
  }

  /** Normally distributed (Box–Muller). */
  normal(mean: number, sd: number): number {
    const u = 1 - this.next()
    const v = this.next()
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  }

  /** One item, chosen with probability proportional to `weight(item)`. */
  weighted<T>(items: readonly T[], weight: (item: T) => number): T {
    const total = items.reduce((sum, item) => sum + weight(item), 0)
    let r = this.next() * total
    for (const item of items) {
      r -= weight(item)
      if (r < 0) return item
    }
    const last = items.at(-1)
    if (last === undefined) throw new Error('weighted() needs at least one item')
    return last
  }

  /** One item, uniformly. */
  pick<T>(items: readonly T[]): T {
    return this.weighted(items, () => 1)
  }

  /** A generator for a sub-stream (e.g. one per charger), independent of later draws here. */
  fork(): Rng {
    return new Rng(Math.floor(this.next() * 4294967296))
  }
}

/** A 32-bit FNV-1a hash of a string: a seed derived from a name (e.g. a charger id). */
export function hashString(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}
