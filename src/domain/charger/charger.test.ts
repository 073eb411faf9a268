import { describe, expect, test } from 'bun:test'
import { decideAuthorization, type TokenFacts } from './authorize'
import { liveReadings, parseSampleValue, registerReadings } from './meter'
import type { MeterSample } from './types'

const now = Date.UTC(2026, 5, 1)
const ok: TokenFacts = { status: 'Accepted', expiresAt: null, parentUid: null, allowConcurrentTx: false }

describe('authorisation', () => {
  const cases: [string, TokenFacts | undefined, boolean, string][] = [
    ['an unknown token is Invalid', undefined, false, 'Invalid'],
    ['an accepted token is Accepted', ok, false, 'Accepted'],
    ['a blocked token is Blocked', { ...ok, status: 'Blocked' }, false, 'Blocked'],
    ['a token stored as Expired is Expired', { ...ok, status: 'Expired' }, false, 'Expired'],
    ['a token past its expiry is Expired', { ...ok, expiresAt: now - 1 }, false, 'Expired'],
    ['a token stored as Invalid is Invalid', { ...ok, status: 'Invalid' }, false, 'Invalid'],
    ['a token charging elsewhere is ConcurrentTx', ok, true, 'ConcurrentTx'],
    ['a fleet token may charge elsewhere too', { ...ok, allowConcurrentTx: true }, true, 'Accepted'],
  ]
  for (const [name, token, busy, status] of cases) {
    test(name, () => expect(decideAuthorization(token, now, busy).status).toBe(status as never))
  }

  test('expiry and group are passed on', () => {
    expect(decideAuthorization({ ...ok, expiresAt: now + 1000, parentUid: 'FLEET' }, now, false)).toEqual({
      status: 'Accepted',
      expiresAt: now + 1000,
      groupId: 'FLEET',
    })
  })
})

function sample(p: Partial<MeterSample> & { raw: string }): MeterSample {
  return { timestamp: now, measurand: 'Energy.Active.Import.Register', value: parseSampleValue(p.raw), ...p }
}

describe('meter readings', () => {
  test('the energy register is read in Wh whatever the unit, with its context', () => {
    expect(registerReadings([sample({ raw: '1234' })])).toEqual([{ at: now, wh: 1234 }])
    expect(
      registerReadings([
        sample({ raw: '1.4', unit: 'kWh' }),
        sample({ raw: '1.5', unit: 'kWh', context: 'Transaction.End' }),
      ]),
    ).toEqual([
      { at: now, wh: 1400 },
      { at: now, wh: 1500, context: 'Transaction.End' },
    ])
    expect(
      registerReadings([sample({ raw: '1', timestamp: now - 60_000 }), sample({ raw: '2' })]),
    ).toHaveLength(2)
  })

  test('per-phase, inlet and non-energy samples do not count as the register', () => {
    expect(
      registerReadings([
        sample({ raw: '10', phase: 'L1' }),
        sample({ raw: '20', location: 'Inlet' }),
        sample({ raw: '7000', measurand: 'Power.Active.Import', unit: 'W' }),
      ]),
    ).toEqual([])
  })

  test('a non-numeric value (signed data) is kept raw and parsed as no number', () => {
    expect(parseSampleValue('<signed/>')).toBeUndefined()
    expect(parseSampleValue('')).toBeUndefined()
    expect(parseSampleValue('12.5')).toBe(12.5)
  })

  test('live readings: power in W, current per phase, state of charge', () => {
    expect(
      liveReadings([
        sample({ raw: '7.2', measurand: 'Power.Active.Import', unit: 'kW' }),
        sample({ raw: '16', measurand: 'Current.Import', phase: 'L1', unit: 'A' }),
        sample({ raw: '15.5', measurand: 'Current.Import', phase: 'L2-N', unit: 'A' }),
        sample({ raw: '42', measurand: 'SoC', unit: 'Percent' }),
      ]),
    ).toEqual({ powerW: 7200, currentA: { L1: 16, L2: 15.5 }, soc: 42 })
  })
})
