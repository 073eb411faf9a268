import { afterEach, describe, expect, test } from 'bun:test'
import { subjects } from '@src/bus/subjects'
import { FAST_METER_S } from '@src/domain/site/meter-interval'
import { siteFixture } from './fixture'

type Fixture = Awaited<ReturnType<typeof siteFixture>>
let f: Fixture
afterEach(() => f?.dispose())

/** The building as an energy system posts it: every 5 s, one 9 A step on L1 after a minute. */
async function postReadings(count: number, stepAt = 12) {
  for (let i = 0; i < count; i++) {
    const l1 = i >= stepAt ? 21 : 12
    f.bus.publish(subjects.siteMeter('S1'), { currentA: [l1, 8, 8], measuredAt: f.clock.now() })
    await f.run(5000)
  }
}

const guarantee = () => f.statuses.at(-1)!.guarantee

describe('what the loop guarantees, from what it saw of its own building meter', () => {
  test('the status shows the margin, the meter interval, the worst step and the margin that would absorb it', async () => {
    f = await siteFixture({ buildingMeter: 'http', buildingMaxA: 25, safetyMarginA: 2 })
    await f.connector('A', 1, 'L1,L2,L3', 16)
    f.start()
    await f.run(100)
    await postReadings(20)
    expect(guarantee()).toMatchObject({
      marginA: 2,
      meterIntervalS: 5,
      worstStepA: [9, 0, 0],
      recommendedMarginA: 9,
      evResponseS: 10,
    })
    expect(guarantee().text).toContain(
      'a step of X A above it keeps the main fuse over its rating by at most X − 2 A',
    )
  })

  test('a restarted loop still knows the week’s worst step, from the minutes it recorded', async () => {
    f = await siteFixture({ buildingMeter: 'http', buildingMaxA: 25, safetyMarginA: 2 })
    await f.connector('A', 1, 'L1,L2,L3', 16)
    f.start()
    await f.run(100)
    await postReadings(30)
    f.kind.stop('S1')
    await f.run(200)
    const before = f.statuses.length
    f.start()
    await f.run(3000)
    expect(f.statuses.length).toBeGreaterThan(before)
    expect(guarantee()).toMatchObject({ worstStepA: [9, 0, 0], meterIntervalS: 5, recommendedMarginA: 9 })
  })

  test('a charger that takes 1.5 s to confirm a setpoint counts 1.5 s in the guarantee', async () => {
    f = await siteFixture({ buildingMeter: 'http', buildingMaxA: 25 })
    await f.connector('A', 1, 'L1,L2,L3', 16)
    f.setAnswer(
      () =>
        new Promise((resolve) => {
          f.clock.setTimeout(() => resolve({ status: 'Accepted' }), 1500)
        }),
    )
    f.start()
    await f.run(100)
    await f.startTx('A', 1)
    await f.run(4000)
    expect(guarantee().chargerLatencyS).toBeCloseTo(1.5, 1)
  })
})

describe('reading a slow OCPP meter faster', () => {
  async function ocppMeter(protocol: string) {
    f = await siteFixture({ buildingMeter: 'ocpp', buildingMeterChargerId: 'M', buildingMaxA: 25 })
    await f.connector('A', 1, 'L1,L2,L3', 16)
    const t = f.clock.now()
    await f.writer.write([
      f.repos.chargers.upsert({ id: 'M', now: t }),
      f.repos.chargers.setOnline('M', { online: true, nodeId: 'node-a', protocol, now: t }),
    ])
    f.start()
    await f.run(100)
  }

  const meterValue = (l1: number) =>
    f.event({
      type: 'charger.meterSampled',
      chargerId: 'M',
      evseId: 0,
      transactionId: null,
      energyWh: null,
      readings: { currentA: { L1: l1, L2: 5, L3: 5 } },
      at: f.clock.now(),
    })
  const asked = () => f.sent.filter((c) => c.chargerId === 'M' && c.command.type === 'setVariables')

  test('a 1.6 meter reporting every 60 s is asked once for every 5 s, and its answer is shown', async () => {
    await ocppMeter('ocpp1.6')
    for (let i = 0; i < 4; i++) {
      meterValue(10)
      await f.run(60_000, 500)
    }
    expect(asked()).toHaveLength(1)
    expect(asked()[0]!.command).toEqual({
      type: 'setVariables',
      variables: [
        { variable: 'ClockAlignedDataInterval', value: String(FAST_METER_S) },
        { variable: 'MeterValueSampleInterval', value: String(FAST_METER_S) },
      ],
    })
    expect(guarantee().meterRequest).toEqual({ intervalS: FAST_METER_S, status: 'Accepted' })
  })

  test('a meter that already reports every 5 s is left alone', async () => {
    await ocppMeter('ocpp2.0.1')
    for (let i = 0; i < 10; i++) {
      meterValue(10)
      await f.run(5000, 500)
    }
    expect(asked()).toEqual([])
    expect(guarantee()).toMatchObject({ meterIntervalS: 5, meterRequest: null })
  })
})
