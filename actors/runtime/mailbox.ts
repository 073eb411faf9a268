import type { MailboxOptions } from './types'

/**
 * A bounded FIFO queue. Storage is allocated on first use, so an idle actor costs almost nothing.
 * `push` returns what fell out: `undefined` when accepted, the dropped item under `dropOldest`, or the
 * rejected item itself under `reject`.
 */
export class Mailbox<T> {
  #items: T[] | undefined
  #head = 0
  readonly options: MailboxOptions

  constructor(options: MailboxOptions) {
    this.options = options
  }

  get size(): number {
    return this.#items ? this.#items.length - this.#head : 0
  }

  push(item: T): { accepted: boolean; dropped?: T } {
    if (!this.#items) this.#items = []
    if (this.size >= this.options.capacity) {
      if (this.options.overflow === 'reject') return { accepted: false, dropped: item }
      const dropped = this.shift()
      this.#items ??= []
      this.#items.push(item)
      return { accepted: true, dropped }
    }
    this.#items.push(item)
    return { accepted: true }
  }

  shift(): T | undefined {
    const items = this.#items
    if (!items || this.#head >= items.length) return undefined
    const item = items[this.#head]
    items[this.#head++] = undefined as T
    if (this.#head === items.length) {
      this.#items = undefined
      this.#head = 0
    } else if (this.#head > 64 && this.#head * 2 > items.length) {
      this.#items = items.slice(this.#head)
      this.#head = 0
    }
    return item
  }

  /** Removes and returns everything queued. */
  drain(): T[] {
    const out: T[] = []
    for (let item = this.shift(); item !== undefined; item = this.shift()) out.push(item)
    return out
  }
}
