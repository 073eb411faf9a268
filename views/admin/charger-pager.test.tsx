import { describe, expect, test } from 'bun:test'
import { type ChargerPageInfo, ChargersPager, chargersHref } from './charger-pager'

const info = (over: Partial<ChargerPageInfo>): ChargerPageInfo => ({
  from: 0,
  total: 120,
  capped: false,
  hasPrevious: false,
  hasNext: false,
  ...over,
})

const render = (page: ChargerPageInfo, shown: number, search = '') =>
  String(ChargersPager({ page, shown, limit: 50, search }))

describe('ChargersPager', () => {
  test('a capped search says "1,000+ matches"', () => {
    const html = render(info({ total: 1000, capped: true, hasNext: true, lastId: 'CP-0049' }), 50, 'cp')
    expect(html).toContain('1–50 of 1,000+ matches')
    expect(html).toContain('href="/admin/chargers?search=cp&after=CP-0049&offset=50"')
  })

  test('one match is singular; nothing is "none"', () => {
    expect(render(info({ total: 1 }), 1, 'x')).toContain('1–1 of 1 match<')
    expect(render(info({ total: 0 }), 0, 'x')).toContain('>none<')
  })

  test('deep pages count with separators and link to the first page', () => {
    const html = render(info({ from: 59_950, total: 60_000, hasPrevious: true, firstId: 'A' }), 50)
    expect(html).toContain('59,951–60,000 of 60,000 chargers')
    expect(html).toContain('href="/admin/chargers">« first')
    expect(html).toContain('href="/admin/chargers?before=A&offset=59900"')
  })
})

test('chargersHref encodes what it carries', () => {
  expect(chargersHref({ search: 'a&b c', after: 'CP#1' })).toBe('/admin/chargers?search=a%26b+c&after=CP%231')
  expect(chargersHref({ search: '', offset: 0 })).toBe('/admin/chargers')
})
