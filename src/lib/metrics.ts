/**
 * A small Prometheus registry (text exposition format 0.0.4) without dependencies.
 *
 * Hot paths bind label values once (`counter.with('BootNotification')`) and then only add numbers.
 *
 * @example
 * const metrics = new Metrics()
 * const frames = metrics.counter('ocpp_frames_total', 'OCPP frames received', ['action'])
 * frames.with('Heartbeat').inc()
 * metrics.render() // "# HELP ocpp_frames_total ..."
 */
export class Metrics {
  readonly #families: Family[] = []

  /** A monotonically increasing count. */
  counter(name: string, help: string, labels: string[] = []): Counter {
    return this.#add(new Counter(name, help, labels))
  }

  /** A value that goes up and down; `collect` computes it at scrape time. */
  gauge(name: string, help: string, labels: string[] = [], collect?: () => number): Gauge {
    return this.#add(new Gauge(name, help, labels, collect))
  }

  /** A distribution of observations (seconds by default buckets). */
  histogram(name: string, help: string, labels: string[] = [], buckets = defaultBuckets): Histogram {
    return this.#add(new Histogram(name, help, labels, buckets))
  }

  /** The whole registry in Prometheus text format. */
  render(): string {
    return this.#families.map((f) => f.render()).join('')
  }

  #add<F extends Family>(family: F): F {
    if (this.#families.some((f) => f.name === family.name)) throw new Error(`metric ${family.name} exists`)
    this.#families.push(family)
    return family
  }
}

/** Latency buckets in seconds, from 0.5 ms to 10 s. */
export const defaultBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

abstract class Family {
  constructor(
    readonly name: string,
    readonly help: string,
    readonly labels: string[],
    readonly type: string,
  ) {}

  abstract samples(): string[]

  render(): string {
    const lines = this.samples()
    return `# HELP ${this.name} ${this.help}\n# TYPE ${this.name} ${this.type}\n${lines.map((l) => `${l}\n`).join('')}`
  }

  protected key(values: string[]): string {
    if (values.length !== this.labels.length) {
      throw new Error(`${this.name} takes labels ${this.labels.join(',')}, got ${values.length} values`)
    }
    return values.map((v, i) => `${this.labels[i]}="${escapeLabel(v)}"`).join(',')
  }
}

/** One bound series of a counter. */
export interface CounterChild {
  inc(by?: number): void
}

/** See {@link Metrics.counter}. */
export class Counter extends Family {
  readonly #values = new Map<string, { v: number }>()

  constructor(name: string, help: string, labels: string[]) {
    super(name, help, labels, 'counter')
  }

  with(...values: string[]): CounterChild {
    const key = this.key(values)
    let cell = this.#values.get(key)
    if (!cell) {
      cell = { v: 0 }
      this.#values.set(key, cell)
    }
    const c = cell
    return {
      inc: (by = 1) => {
        c.v += by
      },
    }
  }

  inc(by = 1): void {
    this.with().inc(by)
  }

  /** Current value of one series (tests and health checks). */
  value(...values: string[]): number {
    return this.#values.get(this.key(values))?.v ?? 0
  }

  samples(): string[] {
    return [...this.#values].map(([k, c]) => `${this.name}${k ? `{${k}}` : ''} ${c.v}`)
  }
}

/** See {@link Metrics.gauge}. */
export class Gauge extends Family {
  readonly #values = new Map<string, number>()

  constructor(
    name: string,
    help: string,
    labels: string[],
    private readonly collect?: () => number,
  ) {
    super(name, help, labels, 'gauge')
  }

  set(value: number, ...labels: string[]): void {
    this.#values.set(this.key(labels), value)
  }

  samples(): string[] {
    if (this.collect) return [`${this.name} ${this.collect()}`]
    return [...this.#values].map(([k, v]) => `${this.name}${k ? `{${k}}` : ''} ${v}`)
  }
}

interface HistogramCell {
  counts: number[]
  sum: number
  count: number
}

/** One bound series of a histogram. */
export interface HistogramChild {
  observe(value: number): void
}

/** See {@link Metrics.histogram}. */
export class Histogram extends Family {
  readonly #cells = new Map<string, HistogramCell>()

  constructor(
    name: string,
    help: string,
    labels: string[],
    readonly buckets: number[],
  ) {
    super(name, help, labels, 'histogram')
  }

  with(...values: string[]): HistogramChild {
    const key = this.key(values)
    let cell = this.#cells.get(key)
    if (!cell) {
      cell = { counts: this.buckets.map(() => 0), sum: 0, count: 0 }
      this.#cells.set(key, cell)
    }
    const c = cell
    const buckets = this.buckets
    return {
      observe(value: number) {
        c.sum += value
        c.count++
        for (let i = 0; i < buckets.length; i++) if (value <= buckets[i]!) c.counts[i]!++
      },
    }
  }

  observe(value: number): void {
    this.with().observe(value)
  }

  samples(): string[] {
    const out: string[] = []
    for (const [k, c] of this.#cells) {
      const pre = k ? `${k},` : ''
      for (const [i, b] of this.buckets.entries())
        out.push(`${this.name}_bucket{${pre}le="${b}"} ${c.counts[i]}`)
      out.push(`${this.name}_bucket{${pre}le="+Inf"} ${c.count}`)
      out.push(`${this.name}_sum${k ? `{${k}}` : ''} ${c.sum}`)
      out.push(`${this.name}_count${k ? `{${k}}` : ''} ${c.count}`)
    }
    return out
  }
}

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')
}
