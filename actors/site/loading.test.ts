import { afterEach, describe, expect, test } from 'bun:test'
import { transactions } from '@src/db/schema'
import { siteFixture } from './fixture'
import { loadSessions } from './loading'

type Fixture = Awaited<ReturnType<typeof siteFixture>>
let f: Fixture
afterEach(() => f?.dispose())

const DAY = 86_400_000
const hour = 3_600_000

/** A transaction row as the charger actors write it; `endedAt` null for an open one. */
function txRow(
  chargerId: string,
  evseId: number,
  idTag: string | null,
  startedAt: number,
  endedAt: number | null,
) {
  return {
    chargerId,
    evseId,
    connectorId: 1,
    ocppTxId: `${chargerId}-${evseId}-${startedAt}`,
    idTag,
    startedAt,
    meterStartWh: 0,
    endedAt,
    updatedAt: startedAt,
  }
}

/** Site S1 with A#1, A#2 and B#1; C#1 is not on it. */
async function estate() {
  f = await siteFixture()
  await f.connector('A', 1, 'L1,L2,L3', 16)
  await f.connector('A', 2, 'L1,L2,L3', 16)
  await f.connector('B', 1, 'L1', 32)
  const midnight = f.clock.now() - (f.clock.now() % DAY)
  const past = Array.from({ length: 35 }, (_, d) => {
    const day = midnight - (d + 1) * DAY
    return txRow('B', 1, 'T-habit', day - 6 * hour, day + (d < 30 ? 7 : 12) * hour)
  })
  await f.db
    .insert(transactions)
    .values([
      ...past,
      txRow('A', 1, 'T-habit', midnight + 15 * hour, null),
      txRow('A', 2, null, midnight + 14 * hour, null),
      txRow('A', 2, null, midnight + 15 * hour, null),
      txRow('B', 1, 'T-ev', midnight + 15 * hour, null),
      txRow('C', 1, 'T-habit', midnight + 15 * hour, null),
    ])
  await f.writer.write([
    f.repos.device.upsertNeeds({
      chargerId: 'B',
      evseId: 1,
      receivedAt: midnight + 15 * hour,
      departureAt: midnight + 20 * hour,
      energyWh: 12_000,
      minCurrentA: 6,
      maxCurrentA: 32,
      transferMode: 'AC_single_phase',
      payload: {},
    }),
  ])
  return { midnight }
}

describe('loading a site’s sessions', () => {
  test('finds every open session on the site’s connectors, with its departure from the best source', async () => {
    const { midnight } = await estate()
    const config = (await f.repos.sites.config('S1'))!
    const sessions = await loadSessions(f.deps, config)
    expect([...sessions.keys()].sort()).toEqual(['A#1', 'A#2', 'B#1'])
    expect(sessions.get('A#1')).toMatchObject({
      idTag: 'T-habit',
      departureSource: 'pattern',
      departureAt: midnight + DAY + 7 * hour,
    })
    expect(sessions.get('A#2')).toMatchObject({ startedAt: midnight + 15 * hour, departureSource: 'default' })
    expect(sessions.get('B#1')).toMatchObject({
      departureSource: 'ev',
      departureAt: midnight + 20 * hour,
      energyNeedWh: 12_000,
      evMaxA: 32,
    })
  })

  test('a driver’s past sessions are their latest 30, newest first, apart from other drivers’', async () => {
    const { midnight } = await estate()
    const past = await f.repos.sites.pastSessionsOf(['T-habit', 'T-ev', 'T-none'])
    const habit = past.get('T-habit')!
    expect(habit).toHaveLength(30)
    expect(habit[0]).toEqual({ startedAt: midnight - DAY - 6 * hour, endedAt: midnight - DAY + 7 * hour })
    expect(habit.every((h, i) => i === 0 || h.startedAt < habit[i - 1]!.startedAt)).toBe(true)
    expect(past.has('T-ev')).toBe(false)
    expect(await f.repos.sites.pastSessionsOf([])).toEqual(new Map())
  })

  test('a site without connectors has no sessions', async () => {
    f = await siteFixture()
    expect(await loadSessions(f.deps, (await f.repos.sites.config('S1'))!)).toEqual(new Map())
  })
})
