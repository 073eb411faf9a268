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
    const trie = new SubjectTrie<number>()
    for (let i = 0; i < 50_000; i++) trie.add(`csms.evt.charger.C${i}.*`, i)
    const started = performance.now()
    for (let i = 0; i < 50_000; i++) trie.match(`csms.evt.charger.C${i}.status`)
    expect(performance.now() - started).toBeLessThan(500)
    expect([...trie.match('csms.evt.charger.C777.meter')]).toEqual([777])
  })
})
