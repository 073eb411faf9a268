import { describe, expect, test } from 'bun:test'
import type { ChargingProfile } from '@src/ocpp/v16/generated/messages'
import { clearProfiles, type InstalledProfile, installProfile, limitsAt } from './charging-profiles'
import { compositeSchedule } from './composite-schedule'

const T0 = Date.parse('2026-03-02T08:00:00Z')
const caps = { numberOfConnectors: 2, maxStackLevel: 10, maxPeriods: 24 }
const at = (minutes: number) => T0 + minutes * 60_000

function profile(over: Partial<ChargingProfile> & { limits?: [number, number][] } = {}): ChargingProfile {
  const { limits = [[0, 16]], ...rest } = over
  return {
    chargingProfileId: 1,
    stackLevel: 0,
    chargingProfilePurpose: 'TxDefaultProfile',
    chargingProfileKind: 'Absolute',
    chargingSchedule: {
      chargingRateUnit: 'A',
      startSchedule: new Date(T0).toISOString(),
      chargingSchedulePeriod: limits.map(([startPeriod, limit]) => ({ startPeriod, limit })),
    },
    ...rest,
  }
}

function install(profiles: InstalledProfile[], connectorId: number, p: ChargingProfile, activeTxId?: number) {
  const r = installProfile(profiles, { connectorId, profile: p, now: T0, activeTxId }, caps)
  if (r.status !== 'Accepted') throw new Error(r.reason)
  return r.profiles
}

const q = { connectorId: 1, voltage: 230, phases: 3 }

describe('SetChargingProfile acceptance (OCPP 1.6 K01-like rules)', () => {
  test.each([
    ['a TxProfile without a transaction', 1, profile({ chargingProfilePurpose: 'TxProfile' }), undefined],
    ['a TxProfile on connector 0', 0, profile({ chargingProfilePurpose: 'TxProfile' }), 5],
    [
      'a TxProfile for another transaction',
      1,
      profile({ chargingProfilePurpose: 'TxProfile', transactionId: 9 }),
      5,
    ],
    [
      'a ChargePointMaxProfile on a connector',
      1,
      profile({ chargingProfilePurpose: 'ChargePointMaxProfile' }),
      undefined,
    ],
    ['an unknown connector', 3, profile(), undefined],
    ['a stack level above the maximum', 1, profile({ stackLevel: 11 }), undefined],
    [
      'periods out of order',
      1,
      profile({
        limits: [
          [0, 16],
          [0, 10],
        ],
      }),
      undefined,
    ],
    ['a first period not at 0', 1, profile({ limits: [[60, 16]] }), undefined],
    [
      'a Recurring profile without recurrencyKind',
      1,
      profile({ chargingProfileKind: 'Recurring' }),
      undefined,
    ],
  ])('rejects %s', (_, connectorId, p, activeTxId) => {
    expect(installProfile([], { connectorId, profile: p, now: T0, activeTxId }, caps).status).toBe('Rejected')
  })

  test('a profile with the same id, or purpose + stack level + connector, replaces the old one', () => {
    let profiles = install([], 1, profile({ chargingProfileId: 1, limits: [[0, 16]] }))
    profiles = install(profiles, 1, profile({ chargingProfileId: 1, limits: [[0, 10]] }))
    profiles = install(profiles, 1, profile({ chargingProfileId: 2, limits: [[0, 8]] }))
    expect(profiles.map((p) => p.profile.chargingProfileId)).toEqual([2])
  })
})

describe('limits in force', () => {
  test('no profile: no limit', () => {
    expect(limitsAt([], { ...q, now: T0 })).toEqual({
      txLimitA: undefined,
      stationLimitA: undefined,
      next: undefined,
    })
  })

  test('the highest stack level wins; a connector profile beats connector 0 at the same level', () => {
    let profiles = install([], 0, profile({ chargingProfileId: 1, stackLevel: 1, limits: [[0, 20]] }))
    profiles = install(profiles, 1, profile({ chargingProfileId: 2, stackLevel: 0, limits: [[0, 10]] }))
    expect(limitsAt(profiles, { ...q, now: T0 }).txLimitA).toBe(20)
    profiles = install(profiles, 1, profile({ chargingProfileId: 3, stackLevel: 1, limits: [[0, 12]] }))
    expect(limitsAt(profiles, { ...q, now: T0 }).txLimitA).toBe(12)
  })

  test('a TxProfile overrides the TxDefaultProfile for its transaction only', () => {
    let profiles = install([], 0, profile({ chargingProfileId: 1, limits: [[0, 20]] }))
    profiles = install(
      profiles,
      1,
      profile({ chargingProfileId: 2, chargingProfilePurpose: 'TxProfile', limits: [[0, 8]] }),
      42,
    )
    expect(limitsAt(profiles, { ...q, now: T0, tx: { id: 42, startedAt: T0 } }).txLimitA).toBe(8)
    expect(limitsAt(profiles, { ...q, now: T0, tx: { id: 43, startedAt: T0 } }).txLimitA).toBe(20)
  })

  test('periods change at their start, and `next` says when', () => {
    const profiles = install(
      [],
      1,
      profile({
        limits: [
          [0, 16],
          [1800, 8],
          [3600, 32],
        ],
      }),
    )
    expect(limitsAt(profiles, { ...q, now: at(10) })).toMatchObject({ txLimitA: 16, next: at(30) })
    expect(limitsAt(profiles, { ...q, now: at(30) })).toMatchObject({ txLimitA: 8, next: at(60) })
    expect(limitsAt(profiles, { ...q, now: at(90) }).txLimitA).toBe(32)
  })

  test('a Relative profile runs from the start of the transaction; duration ends it', () => {
    const p = profile({
      chargingProfileKind: 'Relative',
      limits: [
        [0, 6],
        [600, 16],
      ],
    })
    const profiles = install([], 1, {
      ...p,
      chargingSchedule: { ...p.chargingSchedule, startSchedule: undefined, duration: 1200 },
    })
    const tx = { id: 1, startedAt: at(100) }
    expect(limitsAt(profiles, { ...q, now: at(105), tx }).txLimitA).toBe(6)
    expect(limitsAt(profiles, { ...q, now: at(111), tx }).txLimitA).toBe(16)
    expect(limitsAt(profiles, { ...q, now: at(121), tx }).txLimitA).toBeUndefined()
  })

  test('a daily Recurring profile repeats', () => {
    const p = profile({
      chargingProfileKind: 'Recurring',
      recurrencyKind: 'Daily',
      limits: [
        [0, 10],
        [3600, 32],
      ],
    })
    const profiles = install([], 1, p)
    expect(limitsAt(profiles, { ...q, now: at(24 * 60 + 30) }).txLimitA).toBe(10)
    expect(limitsAt(profiles, { ...q, now: at(24 * 60 + 90) }).txLimitA).toBe(32)
  })

  test('a limit in W is divided by voltage and phases in use', () => {
    const p = profile({ limits: [[0, 6900]] })
    const profiles = install([], 1, {
      ...p,
      chargingSchedule: { ...p.chargingSchedule, chargingRateUnit: 'W' },
    })
    expect(limitsAt(profiles, { ...q, now: T0 }).txLimitA).toBeCloseTo(10, 9)
    expect(limitsAt(profiles, { ...q, phases: 1, now: T0 }).txLimitA).toBeCloseTo(30, 9)
  })

  test('the ChargePointMaxProfile is reported apart, for the station to share', () => {
    const profiles = install(
      [],
      0,
      profile({ chargingProfilePurpose: 'ChargePointMaxProfile', limits: [[0, 25]] }),
    )
    expect(limitsAt(profiles, { ...q, now: T0 })).toMatchObject({ txLimitA: undefined, stationLimitA: 25 })
  })
})

describe('ClearChargingProfile', () => {
  test('by id, by purpose, or Unknown when nothing matches', () => {
    let profiles = install([], 1, profile({ chargingProfileId: 1, stackLevel: 1 }))
    profiles = install(
      profiles,
      0,
      profile({ chargingProfileId: 2, chargingProfilePurpose: 'ChargePointMaxProfile' }),
    )
    expect(clearProfiles(profiles, { id: 7 }).status).toBe('Unknown')
    const byId = clearProfiles(profiles, { id: 1 })
    expect(byId.profiles.map((p) => p.profile.chargingProfileId)).toEqual([2])
    const byPurpose = clearProfiles(profiles, { chargingProfilePurpose: 'ChargePointMaxProfile' })
    expect(byPurpose).toMatchObject({ status: 'Accepted', profiles: [{ connectorId: 1 }] })
    expect(clearProfiles(profiles, {}).profiles).toEqual([])
  })
})

describe('GetCompositeSchedule', () => {
  const base = {
    connectorId: 1,
    now: T0,
    durationS: 7200,
    unit: 'A' as const,
    maxA: 32,
    voltage: 230,
    phases: 3,
    maxPeriods: 24,
  }

  test('without profiles: the hardware limit', () => {
    expect(compositeSchedule([], base).chargingSchedulePeriod).toEqual([{ startPeriod: 0, limit: 32 }])
  })

  test('the least of the profiles and the hardware, merged into periods', () => {
    let profiles = install(
      [],
      1,
      profile({
        limits: [
          [0, 16],
          [1800, 40],
          [3600, 10],
        ],
      }),
    )
    profiles = install(
      profiles,
      0,
      profile({ chargingProfileId: 9, chargingProfilePurpose: 'ChargePointMaxProfile', limits: [[0, 12]] }),
    )
    expect(compositeSchedule(profiles, base).chargingSchedulePeriod).toEqual([
      { startPeriod: 0, limit: 12 },
      { startPeriod: 3600, limit: 10 },
    ])
  })

  test('in W: amperes × voltage × phases', () => {
    const profiles = install([], 1, profile({ limits: [[0, 16]] }))
    expect(compositeSchedule(profiles, { ...base, unit: 'W' }).chargingSchedulePeriod).toEqual([
      { startPeriod: 0, limit: 11040 },
    ])
  })
})
