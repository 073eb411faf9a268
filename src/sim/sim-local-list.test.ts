import { describe, expect, test } from 'bun:test'
import { SimLocalList } from './sim-local-list'

const at = Date.parse('2026-12-01T19:00:00Z')
const full = (
  version: number,
  entries: { idTag: string; status?: 'Accepted' | 'Blocked'; expiryDate?: string }[],
) => ({
  listVersion: version,
  updateType: 'Full' as const,
  localAuthorizationList: entries.map((e) =>
    e.status
      ? {
          idTag: e.idTag,
          idTagInfo: { status: e.status, ...(e.expiryDate ? { expiryDate: e.expiryDate } : {}) },
        }
      : { idTag: e.idTag },
  ),
})

describe('a simulated 1.6 local list', () => {
  test('an entry decides until its expiry, then it is Expired; an unlisted id is unknown', () => {
    const l = new SimLocalList()
    expect(
      l.apply(full(1, [{ idTag: 'V', status: 'Accepted', expiryDate: '2026-12-02T07:00:00Z' }]), true).status,
    ).toBe('Accepted')
    expect(l.statusOf('V', at)).toBe('Accepted')
    expect(l.statusOf('V', Date.parse('2026-12-02T07:00:00Z'))).toBe('Expired')
    expect(l.statusOf('X', at)).toBeUndefined()
  })

  test('a Differential update needs a newer version and removes an entry without idTagInfo', () => {
    const l = new SimLocalList()
    l.apply(
      full(3, [
        { idTag: 'A', status: 'Accepted' },
        { idTag: 'B', status: 'Blocked' },
      ]),
      true,
    )
    const diff = {
      listVersion: 3,
      updateType: 'Differential' as const,
      localAuthorizationList: [{ idTag: 'A' }],
    }
    expect(l.apply(diff, true).status).toBe('VersionMismatch')
    expect(l.apply({ ...diff, listVersion: 4 }, true).status).toBe('Accepted')
    expect([...l.entries.keys()]).toEqual(['B'])
    expect(l.statusOf('B', at)).toBe('Blocked')
  })

  test('with the list switched off it answers NotSupported and keeps nothing', () => {
    const l = new SimLocalList()
    expect(l.apply(full(1, [{ idTag: 'A', status: 'Accepted' }]), false).status).toBe('NotSupported')
    expect(l.entries.size).toBe(0)
  })
})
