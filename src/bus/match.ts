/** NATS subjects: `*` matches exactly one token, a trailing `>` one or more. */
interface Node<T> {
  readonly children: Map<string, Node<T>>
  /** Values whose pattern ends at this node. */
  readonly here: Set<T>
  /** Values whose pattern ends in `>` after this node. */
  readonly rest: Set<T>
}

const node = <T>(): Node<T> => ({ children: new Map(), here: new Set(), rest: new Set() })

/**
 * Subscriptions indexed by token, so a publish costs the subject's depth rather than the number of
 * subscriptions: thousands of site actors each subscribe to their chargers' `….<id>.*`.
 */
export class SubjectTrie<T> {
  readonly #root = node<T>()

  add(pattern: string, value: T): void {
    const tokens = pattern.split('.')
    let at = this.#root
    for (let i = 0; i < tokens.length; i++) {
      const tok = tokens[i] as string
      if (tok === '>' && i === tokens.length - 1) {
        at.rest.add(value)
        return
      }
      let next = at.children.get(tok)
      if (!next) {
        next = node<T>()
        at.children.set(tok, next)
      }
      at = next
    }
    at.here.add(value)
  }

  remove(pattern: string, value: T): void {
    const tokens = pattern.split('.')
    const path: Node<T>[] = [this.#root]
    for (let i = 0; i < tokens.length; i++) {
      const tok = tokens[i] as string
      const at = path[path.length - 1] as Node<T>
      if (tok === '>' && i === tokens.length - 1) {
        at.rest.delete(value)
        this.#prune(path, tokens)
        return
      }
      const next = at.children.get(tok)
      if (!next) return
      path.push(next)
    }
    ;(path[path.length - 1] as Node<T>).here.delete(value)
    this.#prune(path, tokens)
  }

  /** Every value whose pattern matches the subject, each once. */
  match(subject: string): Set<T> {
    const out = new Set<T>()
    this.#collect(this.#root, subject.split('.'), 0, out)
    return out
  }

  #collect(at: Node<T>, tokens: string[], i: number, out: Set<T>): void {
    if (i === tokens.length) {
      for (const v of at.here) out.add(v)
      return
    }
    for (const v of at.rest) out.add(v)
    const exact = at.children.get(tokens[i] as string)
    if (exact) this.#collect(exact, tokens, i + 1, out)
    const star = at.children.get('*')
    if (star) this.#collect(star, tokens, i + 1, out)
  }

  /** Drops nodes left empty so unsubscribing thousands of chargers frees their memory. */
  #prune(path: Node<T>[], tokens: string[]): void {
    for (let i = path.length - 1; i > 0; i--) {
      const at = path[i] as Node<T>
      if (at.here.size > 0 || at.rest.size > 0 || at.children.size > 0) return
      ;(path[i - 1] as Node<T>).children.delete(tokens[i - 1] as string)
    }
  }
}
