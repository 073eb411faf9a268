import { afterEach, beforeEach, describe, expect, test } from 'bun:test'
import { eq, sql } from 'drizzle-orm'
import { chargers } from '../schema'
import { openTestDatabase } from '../testing'
import type { ChargerListPage } from './charger-list'
import { SEARCH_COUNT_CAP } from './charger-search'
import { ChargersRepo } from './chargers'

let database: Awaited<ReturnType<typeof openTestDatabase>>
let repo: ChargersRepo
beforeEach(async () => {
  database = await openTestDatabase()
  repo = new ChargersRepo(database.db)
})
afterEach(() => database.remove())

interface Seed {
  id: string
  label?: string | null
  online?: boolean
}

/** Inserts rows in one batch (one transaction), a few hundred per statement. */
async function seed(rows: Seed[]): Promise<void> {
  const { db } = database
  const values = rows.map((r) => ({
    id: r.id,
    label: r.label ?? null,
    online: r.online ?? false,
    createdAt: 1,
    updatedAt: 1,
  }))
  const chunks = Array.from({ length: Math.ceil(values.length / 200) }, (_, i) =>
    db.insert(chargers).values(values.slice(i * 200, (i + 1) * 200)),
  )
  const [first, ...rest] = chunks
  if (first) await db.batch([first, ...rest])
}

/**
 * `PRE-000`, `PRE-001`, … in a scrambled order (`n` must not be a multiple of 37), so that rowid
 * order, which the search index returns, is not id order.
 */
function numbered(prefix: string, n: number, digits = 3): Seed[] {
  const id = (i: number) => `${prefix}-${String(i).padStart(digits, '0')}`
  return Array.from({ length: n }, (_, i) => ({ id: id((i * 37) % n) }))
}

const idsOf = (page: ChargerListPage) => page.rows.map((r) => r.id)
const find = async (search: string) => idsOf(await repo.list({ search, limit: 50 }))

/** FTS5 checks its index against the chargers table (rank 1: external content too) and throws when they differ. */
const checkIndex = () =>
  database.db.run(sql`insert into chargers_search(chargers_search, rank) values ('integrity-check', 1)`)

describe('search', () => {
  beforeEach(() =>
    seed([
      { id: 'CP-ALPHA-01', label: 'Garage North' },
      { id: 'cp-beta-02', label: 'Car park 100% Level_2' },
      { id: 'CP-GAMMA-03', label: 'Back\\slash "quoted" bay' },
      { id: 'XY-04' },
    ]),
  )

  test('finds a part of an id in any case, by the trigram index and by a scan', async () => {
    expect(await find('alpha')).toEqual(['CP-ALPHA-01'])
    expect(await find('GAMma')).toEqual(['CP-GAMMA-03'])
    expect(await find('cp-')).toEqual(['CP-ALPHA-01', 'CP-GAMMA-03', 'cp-beta-02'])
    expect(await find('cp')).toEqual(['CP-ALPHA-01', 'CP-GAMMA-03', 'cp-beta-02'])
    expect(await find('y-')).toEqual(['XY-04'])
    expect(await find('4')).toEqual(['XY-04'])
  })

  test('finds a part of a label in any case, by the trigram index and by a scan', async () => {
    expect(await find('NORTH')).toEqual(['CP-ALPHA-01'])
    expect(await find('park 1')).toEqual(['cp-beta-02'])
    expect(await find('nO')).toEqual(['CP-ALPHA-01'])
    expect(await find('zzz')).toEqual([])
    expect(await find('zz')).toEqual([])
  })

  test('%, _, \\ and " are taken literally', async () => {
    for (const text of ['%', '0%', '100%', '_', 'L_', 'l_2', '0% l'])
      expect(await find(text)).toEqual(['cp-beta-02'])
    for (const text of ['\\', 'k\\', 'k\\s', '"', '"q', '"quoted"', 'd" b'])
      expect(await find(text)).toEqual(['CP-GAMMA-03'])
    for (const text of ['x%', '%x%', 'A_P', '\\%', '"""']) expect(await find(text)).toEqual([])
  })

  test('surrounding spaces are ignored; a blank search lists everything', async () => {
    expect(await find('  north ')).toEqual(['CP-ALPHA-01'])
    expect(await repo.list({ search: '   ', limit: 50 })).toMatchObject({ total: 4, capped: false })
  })

  test('the total counts the matches exactly', async () => {
    expect(await repo.list({ search: 'cp-', limit: 1 })).toMatchObject({
      total: 3,
      capped: false,
      hasNext: true,
    })
    expect(await repo.list({ search: 'cp', limit: 1, offset: 2 })).toMatchObject({
      total: 3,
      hasNext: false,
      hasPrevious: true,
    })
  })
})

describe('the search index follows the chargers table', () => {
  test('new chargers are found at once', async () => {
    await seed([{ id: 'OLD-1', label: 'Depot' }])
    await repo.upsert({ id: 'NEW-1', label: 'Fresh bay', now: 2 })
    expect(await find('fresh')).toEqual(['NEW-1'])
    expect(await find('new-')).toEqual(['NEW-1'])
    await checkIndex()
  })

  test('a changed label or id is found by its new text only', async () => {
    await seed([{ id: 'CP-1', label: 'Old label' }])
    await repo.upsert({ id: 'CP-1', label: 'Shiny label', now: 2 })
    expect(await find('old l')).toEqual([])
    expect(await find('shiny')).toEqual(['CP-1'])
    await database.db.update(chargers).set({ id: 'RENAMED-1' }).where(eq(chargers.id, 'CP-1'))
    expect(await find('renamed')).toEqual(['RENAMED-1'])
    expect(await find('cp-1')).toEqual([])
    await checkIndex()
  })

  test('a deleted charger is no longer found', async () => {
    await seed([
      { id: 'GONE-1', label: 'Leaving' },
      { id: 'STAY-1', label: 'Staying' },
    ])
    await database.db.delete(chargers).where(eq(chargers.id, 'GONE-1'))
    await repo.upsert({ id: 'LATER-1', label: 'Reuses the rowid', now: 2 })
    expect(await find('gone')).toEqual([])
    expect(await find('leaving')).toEqual([])
    expect(await find('ing')).toEqual(['STAY-1'])
    await checkIndex()
  })
})

describe('online filter', () => {
  beforeEach(() => seed(numbered('CP', 10).map((s) => ({ ...s, online: Number(s.id.slice(-1)) % 2 === 0 }))))

  test('lists only the online or only the offline chargers, with their totals', async () => {
    expect(await repo.list({ online: true, limit: 50 })).toMatchObject({ total: 5, hasNext: false })
    expect(idsOf(await repo.list({ online: true, limit: 50 }))).toEqual([
      'CP-000',
      'CP-002',
      'CP-004',
      'CP-006',
      'CP-008',
    ])
    expect(idsOf(await repo.list({ online: false, limit: 2 }))).toEqual(['CP-001', 'CP-003'])
    expect(await repo.list({ online: false, limit: 2 })).toMatchObject({ total: 5, hasNext: true })
  })

  test('combines with a search', async () => {
    const page = await repo.list({ search: 'cp-00', online: true, limit: 50 })
    expect(idsOf(page)).toEqual(['CP-000', 'CP-002', 'CP-004', 'CP-006', 'CP-008'])
    expect(page.total).toBe(5)
    expect(await repo.list({ search: '9', online: true, limit: 50 })).toMatchObject({ rows: [], total: 0 })
  })

  test('counts() gives all chargers and the online ones', async () => {
    expect(await repo.counts()).toEqual({ total: 10, online: 5 })
    await repo.setOnline('CP-001', { online: true, nodeId: 'n1', now: 2 })
    expect(await repo.counts()).toEqual({ total: 10, online: 6 })
  })
})

test('counts() of an empty table are zero', async () => {
  expect(await repo.counts()).toEqual({ total: 0, online: 0 })
})

describe('paging', () => {
  const all = Array.from({ length: 125 }, (_, i) => `CP-${String(i).padStart(3, '0')}`)
  beforeEach(() => seed(numbered('CP', 125)))

  test('`after` visits every charger once, in id order', async () => {
    const seen: string[] = []
    const flags: [boolean, boolean][] = []
    let page = await repo.list({ limit: 50 })
    for (;;) {
      seen.push(...idsOf(page))
      flags.push([page.hasPrevious, page.hasNext])
      expect(page.total).toBe(125)
      if (!page.hasNext) break
      page = await repo.list({ limit: 50, after: seen.at(-1) })
    }
    expect(seen).toEqual(all)
    expect(flags).toEqual([
      [false, true],
      [true, true],
      [true, false],
    ])
  })

  test('`after` pages through a search too', async () => {
    const seen: string[] = []
    let page = await repo.list({ search: 'cp-0', limit: 30 })
    seen.push(...idsOf(page))
    while (page.hasNext) {
      page = await repo.list({ search: 'cp-0', limit: 30, after: seen.at(-1) })
      seen.push(...idsOf(page))
    }
    expect(seen).toEqual(all.slice(0, 100))
    expect(page.total).toBe(100)
  })

  test('`before` gives the previous page', async () => {
    const page = await repo.list({ limit: 50, before: 'CP-100' })
    expect(idsOf(page)).toEqual(all.slice(50, 100))
    expect(page).toMatchObject({ hasPrevious: true, hasNext: true, total: 125 })
  })

  test('`before` gives the first page when fewer than a page precede', async () => {
    for (const before of ['CP-030', 'CP-050', 'A']) {
      const page = await repo.list({ limit: 50, before })
      expect(idsOf(page)).toEqual(all.slice(0, 50))
      expect(page).toMatchObject({ hasPrevious: false, hasNext: true })
    }
  })

  test('`offset` skips rows, unless paging by key', async () => {
    const page = await repo.list({ limit: 50, offset: 100 })
    expect(idsOf(page)).toEqual(all.slice(100))
    expect(page).toMatchObject({ hasPrevious: true, hasNext: false })
    expect(idsOf(await repo.list({ limit: 3, offset: 100, after: 'CP-009' }))).toEqual(all.slice(10, 13))
    expect(await repo.list({ limit: 50, offset: 500 })).toMatchObject({ rows: [], total: 125 })
  })
})

describe('totals of a search', () => {
  beforeEach(() =>
    seed([
      ...numbered('CAP', 1100, 4).map((s, i) => ({ ...s, online: i < 10 })),
      { id: 'OTHER-1', label: 'capital' },
    ]),
  )

  test(`stop at ${SEARCH_COUNT_CAP} when more match, and the page still fills in id order`, async () => {
    for (const search of ['cap', 'ca']) {
      const page = await repo.list({ search, limit: 50 })
      expect(page).toMatchObject({ total: SEARCH_COUNT_CAP, capped: true, hasNext: true })
      expect(idsOf(page)[0]).toBe('CAP-0000')
      expect(idsOf(page).at(-1)).toBe('CAP-0049')
      const next = await repo.list({ search, limit: 50, after: 'CAP-1089' })
      const tail = Array.from({ length: 10 }, (_, i) => `CAP-${1090 + i}`)
      expect(idsOf(next)).toEqual([...tail, 'OTHER-1'])
    }
  })

  test('are exact up to the cap', async () => {
    expect(await repo.list({ search: 'cap-0', limit: 1 })).toMatchObject({ total: 1000, capped: false })
    expect(await repo.list({ search: 'cap-1', limit: 1 })).toMatchObject({ total: 100, capped: false })
    expect(await repo.list({ search: 'capital', limit: 1 })).toMatchObject({ total: 1, capped: false })
  })

  test('are exact with the online filter when few match', async () => {
    const page = await repo.list({ search: 'cap', online: true, limit: 50 })
    expect(page).toMatchObject({ total: 10, capped: false, hasNext: false })
    expect(await repo.list({ search: 'cap', online: false, limit: 1 })).toMatchObject({
      total: 1000,
      capped: true,
    })
  })

  test('without a search, the total is exact', async () => {
    expect(await repo.list({ limit: 1 })).toMatchObject({ total: 1101, capped: false })
    expect(await repo.counts()).toEqual({ total: 1101, online: 10 })
  })
})
