import { describe, expect, test } from 'bun:test'
import { SubjectTrie } from './match'

const matches = (patterns: string[], subject: string) => {
  const trie = new SubjectTrie<string>()
  for (const p of patterns) trie.add(p, p)
  return [...trie.match(subject)].sort()
}

describe('SubjectTrie', () => {
  test('exact, single-token and trailing wildcards', () => {
    const patterns = ['a.b.c', 'a.*.c', 'a.>', 'a.b.>', '*.b.*', '>', 'a.b', 'x.y.z']
    expect(matches(patterns, 'a.b.c')).toEqual(['*.b.*', '>', 'a.*.c', 'a.>', 'a.b.>', 'a.b.c'])
    expect(matches(patterns, 'a.b')).toEqual(['>', 'a.>', 'a.b'])
    expect(matches(patterns, 'a')).toEqual(['>'])
    expect(matches(patterns, 'a.b.c.d')).toEqual(['>', 'a.>', 'a.b.>'])
  })

  test('`>` needs at least one more token and is only special at the end', () => {
    expect(matches(['a.>'], 'a')).toEqual([])
    expect(matches(['a.>.c'], 'a.b.c')).toEqual([])
    expect(matches(['a.>.c'], 'a.>.c')).toEqual(['a.>.c'])
  })

  test('the same value under two matching patterns is delivered once', () => {
    const trie = new SubjectTrie<string>()
    trie.add('a.*', 'h')
    trie.add('a.b', 'h')
    expect([...trie.match('a.b')]).toEqual(['h'])
  })

  test('removing leaves other subscriptions and frees empty branches', () => {
    const trie = new SubjectTrie<string>()
    trie.add('evt.c1.*', 'site1')
    trie.add('evt.c1.*', 'site2')
    trie.add('evt.>', 'audit')
    trie.remove('evt.c1.*', 'site1')
    expect([...trie.match('evt.c1.status')].sort()).toEqual(['audit', 'site2'])
    trie.remove('evt.c1.*', 'site2')
    trie.remove('evt.>', 'audit')
    trie.remove('never.added', 'x')
    expect(trie.match('evt.c1.status').size).toBe(0)
    trie.add('evt.c1.*', 'again')
    expect([...trie.match('evt.c1.status')]).toEqual(['again'])
  })

  test('a publish costs the depth, not the number of subscriptions', () => {
    const publish = (subscriptions: number) => {
      const trie = new SubjectTrie<number>()
      for (let i = 0; i < subscriptions; i++) trie.add(`csms.evt.charger.C${i}.*`, i)
      trie.add('csms.evt.>', -1)
      let matched = new Set<number>()
      const steps = containerSteps(() => {
        matched = trie.match('csms.evt.charger.C0.meter')
      })
      return { steps, matched: [...matched].sort((a, b) => a - b) }
    }
    const one = publish(1)
    expect(one.matched).toEqual([-1, 0])
    expect(one.steps).toBeGreaterThan(0)
    expect(publish(50_000)).toEqual(one)
  })
})

/**
 * How many container operations `run` makes: Map lookups and steps of Map, Set and Array iterators,
 * the ways a match can touch subscriptions. A count, not a stopwatch: the same on any machine, and it
 * grows with the subscriptions if a match ever scans them.
 */
function containerSteps(run: () => void): number {
  let steps = 0
  const iterators = [new Map(), new Set(), []].map((c) => Object.getPrototypeOf(c[Symbol.iterator]()))
  const nexts = iterators.map((proto) => proto.next)
  const get = Map.prototype.get
  Map.prototype.get = function (this: Map<unknown, unknown>, key: unknown) {
    steps++
    return get.call(this, key)
  }
  iterators.forEach((proto, i) => {
    proto.next = function (this: Iterator<unknown>) {
      steps++
      return nexts[i].call(this)
    }
  })
  try {
    run()
  } finally {
    Map.prototype.get = get
    iterators.forEach((proto, i) => {
      proto.next = nexts[i]
    })
  }
  return steps
}
