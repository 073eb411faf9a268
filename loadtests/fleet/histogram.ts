/**
 * A small HDR-style latency histogram: exact below 128 µs, then 64 buckets per power of two (about
 * 1.5 % precision), up to 2^31 µs. Fixed memory (1,664 counters), cheap to record, mergeable across
 * worker processes through {@link Histogram.toJSON}.
 *
 * @example
 * const h = new Histogram()
 * h.record(12.3) // milliseconds
 * h.percentile(99) // ≈ 12.3
 */
export class Histogram {
  readonly #counts = new Float64Array(BUCKETS)
  #count = 0
  #sum = 0
  #max = 0

  /** Records one value in milliseconds (negative values count as 0). */
  record(ms: number): void {
    const us = Math.max(0, Math.round(ms * 1000))
    this.#counts[indexOf(us)]! += 1
    this.#count++
    this.#sum += us
    if (us > this.#max) this.#max = us
  }

  /** Number of recorded values. */
  get count(): number {
    return this.#count
  }

  /** Mean in milliseconds (0 when empty). */
  get mean(): number {
    return this.#count === 0 ? 0 : this.#sum / this.#count / 1000
  }

  /** Largest recorded value in milliseconds. */
  get max(): number {
    return this.#max / 1000
  }

  /** The value (ms) below which `p` percent of the recorded values fall (0 when empty). */
  percentile(p: number): number {
    if (this.#count === 0) return 0
    const rank = Math.max(1, Math.ceil((p / 100) * this.#count))
    let seen = 0
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.#counts[i]!
      if (seen >= rank) return Math.min(bucketValue(i), this.#max) / 1000
    }
    return this.max
  }

  /** Adds another histogram's values to this one. */
  merge(other: Histogram | HistogramJson): this {
    const json = other instanceof Histogram ? other.toJSON() : other
    for (const [i, n] of json.buckets) this.#counts[i]! += n
    this.#count += json.count
    this.#sum += json.sumUs
    this.#max = Math.max(this.#max, json.maxUs)
    return this
  }

  /** A sparse, JSON-safe copy (for IPC between worker processes). */
  toJSON(): HistogramJson {
    const buckets: [number, number][] = []
    for (let i = 0; i < BUCKETS; i++) if (this.#counts[i]! > 0) buckets.push([i, this.#counts[i]!])
    return { buckets, count: this.#count, sumUs: this.#sum, maxUs: this.#max }
  }

  /** Rebuilds a histogram from {@link toJSON}. */
  static from(json: HistogramJson): Histogram {
    return new Histogram().merge(json)
  }
}

/** The JSON form of a {@link Histogram}: non-empty buckets as `[index, count]`. */
export interface HistogramJson {
  buckets: [number, number][]
  count: number
  sumUs: number
  maxUs: number
}

const SUB = 64
const BUCKETS = (31 - 6) * SUB + 2 * SUB

function indexOf(us: number): number {
  const v = Math.min(us, 2 ** 31 - 1)
  if (v < 2 * SUB) return v
  const shift = 31 - Math.clz32(v) - 6
  return shift * SUB + (v >>> shift)
}

/** The middle of bucket `i`, in microseconds. */
function bucketValue(i: number): number {
  if (i < 2 * SUB) return i
  const shift = Math.floor(i / SUB) - 1
  const mantissa = i - shift * SUB
  return (mantissa + 0.5) * 2 ** shift
}
