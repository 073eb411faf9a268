import { describe, expect, test } from 'bun:test'
import fc from 'fast-check'
import type { LocalListEntry } from '../charger/commands'
import { applyDiff } from './list-diff'
import { entryBytes, planUpdate, splitEntries } from './list-plan'

const accepted = (n: number, from = 0): LocalListEntry[] =>
  Array.from({ length: n }, (_, i) => ({
    idTag: `T${String(from + i).padStart(4, '0')}`,
    status: 'Accepted',
  }))
const none = { items: null, bytes: null }
const sorted = (l: readonly LocalListEntry[]) => [...l].sort((a, b) => (a.idTag < b.idTag ? -1 : 1))

describe('planning a local-list update', () => {
  test('a charger holding no list gets a Full list at the next version', () => {
    expect(planUpdate(null, accepted(3), 1, none)).toEqual([
      { version: 1, updateType: 'Full', entries: accepted(3) },
    ])
  })

  test('a small change to a held list is a Differential update with the change only', () => {
    const held = { version: 4, entries: accepted(10) }
    const wanted = [...accepted(9), { idTag: 'T0009', status: 'Blocked' as const }]
    expect(planUpdate(held, wanted, 5, none)).toEqual([
      { version: 5, updateType: 'Differential', entries: [{ idTag: 'T0009', status: 'Blocked' }] },
    ])
  })

  test('when the difference is as big as the list, a Full list is sent instead', () => {
    const held = { version: 2, entries: accepted(3) }
    const wanted = accepted(3, 100)
    const [only, ...rest] = planUpdate(held, wanted, 3, none)
    expect(only?.updateType).toBe('Full')
    expect(rest).toEqual([])
  })

  test('a held list at version 0 is no list: Full', () => {
    expect(planUpdate({ version: 0, entries: accepted(5) }, accepted(4), 1, none)[0]?.updateType).toBe('Full')
  })

  test('an empty wanted list clears the charger with one empty Full list', () => {
    expect(planUpdate({ version: 3, entries: accepted(2) }, [], 4, none)).toEqual([
      { version: 4, updateType: 'Full', entries: [] },
    ])
  })

  test('a list longer than a message allows goes in parts: Full first, then Differential, versions increasing', () => {
    const parts = planUpdate(null, accepted(120), 7, { items: 50, bytes: null })
    expect(parts.map((p) => [p.version, p.updateType, p.entries.length])).toEqual([
      [7, 'Full', 50],
      [8, 'Differential', 50],
      [9, 'Differential', 20],
    ])
  })

  test('parts never exceed a byte limit, and each part holds at least one entry', () => {
    const entries = accepted(40)
    const limit = entryBytes(entries[0]!) * 5 + 200
    const parts = splitEntries(entries, { items: null, bytes: limit })
    for (const p of parts) {
      expect(p.length).toBeGreaterThan(0)
      expect(200 + p.reduce((s, e) => s + entryBytes(e), 0)).toBeLessThanOrEqual(limit)
    }
    expect(parts.flat()).toEqual(entries)
  })

  test('applying the planned parts to what the charger holds gives the wanted list', () => {
    const entry = fc.record({
      idTag: fc.constantFrom(...accepted(30).map((e) => e.idTag)),
      status: fc.constantFrom('Accepted' as const, 'Blocked' as const),
      expiresAt: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
    })
    const list = fc
      .uniqueArray(entry, { selector: (e) => e.idTag, maxLength: 30 })
      .map((l) => l.map((e) => (e.expiresAt === undefined ? { idTag: e.idTag, status: e.status } : e)))
    fc.assert(
      fc.property(
        fc.option(list, { nil: null }),
        list,
        fc.option(fc.integer({ min: 1, max: 7 }), { nil: null }),
        (held, wanted, items) => {
          const parts = planUpdate(held && { version: 3, entries: held }, wanted, 4, { items, bytes: null })
          let holds: LocalListEntry[] = held ?? []
          parts.forEach((p, i) => {
            expect(p.version).toBe(4 + i)
            if (items !== null) expect(p.entries.length).toBeLessThanOrEqual(items)
            holds = p.updateType === 'Full' ? [...p.entries] : applyDiff(holds, p.entries)
          })
          expect(sorted(holds)).toEqual(sorted(wanted))
        },
      ),
      { numRuns: 200 },
    )
  })
})
