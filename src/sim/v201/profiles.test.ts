import { describe, expect, test } from 'bun:test'
import type { ChargingProfileType } from '@src/ocpp/v201/generated/messages'
import { toProfile16, toProfile201 } from './profiles'

const profile = (over: Partial<ChargingProfileType> = {}): ChargingProfileType => ({
  id: 9,
  stackLevel: 2,
  chargingProfilePurpose: 'ChargingStationMaxProfile',
  chargingProfileKind: 'Absolute',
  chargingSchedule: [
    {
      id: 9,
      chargingRateUnit: 'W',
      startSchedule: '2026-01-01T00:00:00.000Z',
      duration: 3600,
      chargingSchedulePeriod: [
        { startPeriod: 0, limit: 11000, numberPhases: 3 },
        { startPeriod: 1800, limit: 7400 },
      ],
    },
  ],
  ...over,
})

describe('2.0.1 profiles in the shared 1.6 form', () => {
  test('ChargingStationMaxProfile is the ChargePointMaxProfile, and converts back unchanged', () => {
    const p16 = toProfile16(profile())
    expect(p16).toMatchObject({
      chargingProfileId: 9,
      chargingProfilePurpose: 'ChargePointMaxProfile',
      chargingSchedule: { chargingRateUnit: 'W', duration: 3600 },
    })
    if (!p16) throw new Error('not converted')
    expect(toProfile201({ connectorId: 0, profile: p16, installedAt: 0 })).toEqual(profile())
  })

  test("a TxProfile is bound to the station's running number, and reported with the wire id", () => {
    const tx = profile({ chargingProfilePurpose: 'TxProfile', transactionId: 'uuid-1' })
    const p16 = toProfile16(tx, 4)
    expect(p16?.transactionId).toBe(4)
    if (!p16) throw new Error('not converted')
    expect(
      toProfile201({ connectorId: 1, profile: p16, installedAt: 0, transactionId: 4 }, 'uuid-1'),
    ).toEqual(tx)
  })

  test('external constraints are not the CSMS to set', () => {
    expect(
      toProfile16(profile({ chargingProfilePurpose: 'ChargingStationExternalConstraints' })),
    ).toBeUndefined()
  })
})
