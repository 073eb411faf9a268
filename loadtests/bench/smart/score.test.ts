import { describe, expect, test } from 'bun:test'
import type { PerPhase } from '../../../src/domain/power/site'
import type { WorldSecond } from '../../../src/sim/site/types'
import { energyScore, excessTally, fuseExcess, possibleWh } from './score'
import { car, charger, scenario, visit } from './test-fixtures'

const HOUR = 3600
const site = scenario({
  main: {
    id: 'main',
    limitA: 32,
    chargerIds: ['a', 'b', 'c', 'd'],
    children: [{ id: 'row', limitA: 16, chargerIds: ['e'] }],
  },
  chargers: [charger('a', 32), charger('b', 32), charger('c', 16), charger('d', 32), charger('e', 32)],
  visits: [
    visit('A', 'a', 0, HOUR, 10_000, car(3, 32)),
    visit('B', 'b', 0, HOUR, 10_000, car(3, 32)),
    visit('C', 'c', 0, HOUR, 50_000, car(3, 32)),
    visit('D', 'd', 0, HOUR, 1_000, car(1, 32)),
    visit('E', 'e', 0, 2 * HOUR, 50_000, car(1, 16, { ownTimerFromS: 1800 })),
  ],
  durationS: HOUR,
})

describe('possible energy', () => {
  test.each([
    ['a 3-phase car at the lower of its and its charger’s maximum', 'C', 16 * 3 * 230],
    ['a 1-phase car on a 3-phase charger on one phase', 'D', 32 * 230],
    ['from its own timer to the end of the scenario', 'E', 16 * 230 * 0.5],
  ])('%s', (_, id, wh) => {
    expect(possibleWh(site, site.visits.find((v) => v.id === id)!)).toBeCloseTo(wh, 6)
  })
})

describe('energy score', () => {
  const delivered = new Map([
    ['A', 9_500],
    ['B', 8_000],
    ['C', 10_000],
    ['E', 1_700],
  ])
  const score = energyScore(site, delivered, { totalWh: 40_000 })

  test('the total is what the visits received, as a share of the optimum', () => {
    expect(score.deliveredWh).toBe(29_200)
    expect(score.pctOfOptimum).toBeCloseTo(73, 9)
  })

  test.each([
    ['95 % of its need is not short', 'A', false],
    ['80 % of its need is short', 'B', true],
    ['a need beyond what its stay allows is capped to it', 'C', false],
    ['a visit that received nothing is short', 'D', true],
    ['a car on its own timer is judged on the time after it', 'E', false],
  ])('%s', (_, id, short) => {
    expect(score.visits.find((v) => v.visitId === id)!.short).toBe(short)
  })

  test('it counts the cars left short', () => {
    expect(score.carsShort).toBe(2)
  })

  test('without an optimum there is no percentage', () => {
    expect(energyScore(site, delivered).pctOfOptimum).toBeNull()
  })
})

describe('seconds over a rating', () => {
  const second = (s: number, main: PerPhase, row: PerPhase = [0, 0, 0]): WorldSecond => ({
    s,
    fuseA: new Map([
      ['main', main],
      ['row', row],
    ]),
    buildingA: [0, 0, 0],
  })
  const stream = [
    second(0, [30, 30, 30]),
    second(1, [33, 30, 30], [17, 0, 0]),
    second(2, [32, 34.5, 0]),
    second(3, [32, 32, 32]),
  ]

  test('each fuse counts the seconds any phase was over, and its worst excess', () => {
    expect(fuseExcess(site.main, stream)).toEqual([
      {
        fuseId: 'main',
        limitA: 32,
        secondsOver: 2,
        worstExcessA: 2.5,
        worstPct: (100 * 34.5) / 32,
        worstAtS: 2,
        worstPhase: 1,
      },
      {
        fuseId: 'row',
        limitA: 16,
        secondsOver: 1,
        worstExcessA: 1,
        worstPct: (100 * 17) / 16,
        worstAtS: 1,
        worstPhase: 0,
      },
    ])
  })

  test('a current exactly at the rating is not over it', () => {
    const [main] = fuseExcess(site.main, [second(0, [32, 32, 32])])
    expect(main).toMatchObject({ secondsOver: 0, worstExcessA: 0, worstPct: 100, worstAtS: null })
  })

  test('the tally can be read while it runs', () => {
    const tally = excessTally(site.main)
    tally.add(stream[1]!)
    expect(tally.result()[0]!.secondsOver).toBe(1)
    tally.add(stream[2]!)
    expect(tally.result()[0]!.secondsOver).toBe(2)
  })
})
