import { describe, expect, test } from 'bun:test'
import fc from 'fast-check'
import type { LocalListEntry } from '../charger/commands'
import { applyDiff, diffLists, hashList } from './list-diff'

const entry = fc.record(
  {
    idTag: fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F'),
    status: fc.constantFrom('Accepted', 'Blocked', 'NotAtThisTime') as fc.Arbitrary<LocalListEntry['status']>,
    expiresAt: fc.integer({ min: 0, max: 3 }),
    groupId: fc.constantFrom('g1', 'g2'),
  },
  { requiredKeys: ['idTag', 'status'] },
)
const list = fc.uniqueArray(entry, { selector: (e) => e.idTag })

describe('local list differences', () => {
  test('applying the diff to the previous list gives the next', () => {
    fc.assert(
      fc.property(list, list, (prev, next) => {
        expect(hashList(applyDiff(prev, diffLists(prev, next)))).toBe(hashList(next))
      }),
    )
  })

  test('a removed token is sent as its id without status; an unchanged one is not sent', () => {
    const a = { idTag: 'A', status: 'Accepted' as const }
    const b = { idTag: 'B', status: 'Accepted' as const }
    expect(diffLists([a, b], [a])).toEqual([{ idTag: 'B' }])
  })

  test('the hash ignores entry order and sees every field', () => {
    const a = { idTag: 'A', status: 'Accepted' as const, expiresAt: 5 }
    const b = { idTag: 'B', status: 'Blocked' as const }
    expect(hashList([a, b])).toBe(hashList([b, a]))
    expect(hashList([a, b])).not.toBe(hashList([{ ...a, expiresAt: 6 }, b]))
  })
})
