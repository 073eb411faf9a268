import { afterEach, describe, expect, test } from 'bun:test'
import type { CommandOutcome } from '@src/domain/charger/commands'
import { PROBE_FIRST_MS } from './declined'
import { type SentCommand, siteFixture } from './fixture'

/**
 * The loop against what chargers and cars really do (issue 9): loads it must carry, cars that tell
 * their phases only by drawing, cars that decline current and cars that ramp.
 */
let f: Awaited<ReturnType<typeof siteFixture>>
afterEach(() => f?.dispose())

const never = () => new Promise<CommandOutcome>(() => undefined)
const limitOf = (c: SentCommand) =>
  c.command.type === 'setChargingProfile' ? c.command.profile.schedule.periods[0]!.limit : Number.NaN

async function site(mainFuseA: number) {
  f = await siteFixture({ mainFuseA })
  await f.connector('A', 1, 'L1,L2,L3', 16)
  await f.connector('B', 1, 'L1,L2,L3', 16)
  await f.connector('C', 1, 'L2', 32)
  f.start()
  await f.run(100)
}

function reading(chargerId: string, transactionId: number, l1: number, l2 = l1, l3 = l1) {
  f.event({
    type: 'charger.meterSampled',
    chargerId,
    evseId: 1,
    transactionId,
    energyWh: null,
    readings: { currentA: { L1: l1, L2: l2, L3: l3 } },
    at: f.clock.now(),
  })
}

describe('loads the loop must carry', () => {
  test('a reduction its charger never confirms is not counted as applied: the capacity stays held', async () => {
    await site(16)
    const a = await f.startTx('A', 1)
    await f.run(300)
    expect(f.limits().get(a)).toBe(16)
    f.setAnswer((c) => (c.chargerId === 'A' ? never() : { status: 'Accepted' }))
    const b = await f.startTx('B', 1, { departureAt: f.clock.now() + 3_600_000, energyNeedWh: 20_000 })
    await f.run(20_000)
    expect(f.limits().get(a)!).toBeLessThan(16)
    expect(f.setpoints('B').every((c) => limitOf(c) === 0)).toBe(true)
    expect(f.limits().get(b)).toBe(0)
  })

  test('a charger that drops offline with a reduction on its way holds the higher limit', async () => {
    await site(16)
    const a = await f.startTx('A', 1)
    await f.run(300)
    f.setAnswer((c) => (c.chargerId === 'A' ? never() : { status: 'Accepted' }))
    await f.startTx('B', 1, { departureAt: f.clock.now() + 3_600_000, energyNeedWh: 20_000 })
    await f.run(300)
    f.event({ type: 'charger.disconnected', chargerId: 'A', at: f.clock.now() })
    await f.run(20_000)
    expect(f.limits().get(a)!).toBeLessThan(16)
    expect(f.setpoints('B').every((c) => limitOf(c) === 0)).toBe(true)
  })

  test('a car that draws more than it was given is carried at its draw', async () => {
    await site(20)
    const a = await f.startTx('A', 1)
    await f.run(300)
    await f.run(11_000)
    reading('A', a, 19)
    await f.startTx('B', 1)
    await f.run(15_000)
    expect(Math.max(0, ...f.setpoints('B').map(limitOf))).toBeLessThanOrEqual(1.05)
  })
})

describe('a charger that ignores its setpoints', () => {
  test('two readings above its limit: it holds its full rating, for the next car too, until a car is seen within its limit', async () => {
    await site(24)
    const first = await f.startTx('A', 1)
    const b = await f.startTx('B', 1)
    await f.run(11_000)
    expect(f.limits().get(first)).toBe(12)
    await f.run(11_000)
    reading('A', first, 16)
    await f.run(5000)
    reading('A', first, 16)
    await f.run(6000)
    expect(f.limits().get(b)!).toBeLessThanOrEqual(24 - 16 + 0.05)
    f.event({
      type: 'charger.transactionEnded',
      chargerId: 'A',
      transactionId: first,
      evseId: 1,
      energyWh: null,
      reason: null,
      at: f.clock.now(),
    })
    const next = await f.startTx('A', 1)
    await f.run(12_000)
    reading('A', next, 0)
    await f.run(12_000)
    expect(f.limits().get(b)!).toBeLessThanOrEqual(24 - 16 + 0.05)
    expect(f.statuses.at(-1)!.problems.join()).toContain('A#1 ignores its setpoints')
    const sentToA = f.limits().get(next)!
    reading('A', next, sentToA)
    await f.run(12_000)
    expect(f.limits().get(b)!).toBeGreaterThan(24 - 16 + 0.05)
  })
})

describe('what the loop learns from readings', () => {
  test('a single-phase car seen drawing on L1 only leaves L2 and L3 to the others', async () => {
    await site(16)
    const a = await f.startTx('A', 1)
    await f.run(11_000)
    reading('A', a, 15.5, 0, 0)
    const c = await f.startTx('C', 1)
    await f.run(12_000)
    expect(f.limits().get(c)!).toBeGreaterThanOrEqual(15)
    expect(f.limits().get(a)).toBe(16)
  })

  test('a full car is given nothing until its probe, not current at every status change', async () => {
    await site(32)
    const a = await f.startTx('A', 1)
    await f.run(31_000)
    reading('A', a, 0)
    f.event({
      type: 'charger.transactionUpdated',
      chargerId: 'A',
      transactionId: a,
      evseId: 1,
      chargingState: 'SuspendedEV',
      at: f.clock.now(),
    })
    await f.run(1000)
    expect(f.limits().get(a)).toBe(0)
    const sentBefore = f.setpoints('A').length
    for (let i = 0; i < 10; i++) {
      f.event({
        type: 'charger.transactionUpdated',
        chargerId: 'A',
        transactionId: a,
        evseId: 1,
        chargingState: 'SuspendedEVSE',
        at: f.clock.now(),
      })
      reading('A', a, 0)
      await f.run(30_000, 500)
    }
    expect(
      f
        .setpoints('A')
        .slice(sentBefore)
        .every((c) => limitOf(c) === 0),
    ).toBe(true)
    await f.run(PROBE_FIRST_MS - 300_000, 1000)
    expect(f.limits().get(a)).toBe(16)
  })

  test('a car still ramping up is not read as leaving its share unused', async () => {
    await site(32)
    const a = await f.startTx('A', 1)
    await f.run(6000)
    reading('A', a, 4)
    await f.run(10_000)
    reading('A', a, 12)
    await f.run(1000)
    expect(f.setpoints('A').map(limitOf)).toEqual([16])
  })
})
