import { describe, expect, test } from 'bun:test'
import { type ChargerEvent, chargerEventSchema } from './events'

const at = Date.UTC(2026, 0, 1)

/** One event of every type (the record's key type makes the compiler ask for each new one). */
const examples: { [T in ChargerEvent['type']]: Extract<ChargerEvent, { type: T }> } = {
  'charger.connected': {
    type: 'charger.connected',
    chargerId: 'CP-1',
    protocol: 'ocpp2.0.1',
    nodeId: 'n1',
    at,
  },
  'charger.disconnected': { type: 'charger.disconnected', chargerId: 'CP-1', at },
  'charger.booted': {
    type: 'charger.booted',
    chargerId: 'CP-1',
    station: { vendor: 'ABB', model: 'Terra', serialNumber: 'S-1', firmwareVersion: '1.2' },
    registration: 'Accepted',
    at,
  },
  'charger.statusChanged': {
    type: 'charger.statusChanged',
    chargerId: 'CP-1',
    evseId: 1,
    connectorId: 1,
    status: 'Faulted',
    errorCode: 'GroundFailure',
    at,
  },
  'charger.transactionStarted': {
    type: 'charger.transactionStarted',
    chargerId: 'CP-1',
    transactionId: 7,
    evseId: 1,
    connectorId: 1,
    idTag: null,
    meterStartWh: 1200,
    at,
  },
  'charger.transactionUpdated': {
    type: 'charger.transactionUpdated',
    chargerId: 'CP-1',
    transactionId: 7,
    evseId: 1,
    chargingState: 'SuspendedEV',
    at,
  },
  'charger.chargingNeeds': {
    type: 'charger.chargingNeeds',
    chargerId: 'CP-1',
    evseId: 1,
    departureAt: at + 3_600_000,
    energyWh: null,
    minCurrentA: 8,
    maxCurrentA: 16,
    at,
  },
  'charger.meterSampled': {
    type: 'charger.meterSampled',
    chargerId: 'CP-1',
    evseId: 1,
    transactionId: 7,
    energyWh: 4000,
    readings: { powerW: 11_000, currentA: { L1: 16, L2: 15.5 }, soc: 40 },
    at,
  },
  'charger.transactionEnded': {
    type: 'charger.transactionEnded',
    chargerId: 'CP-1',
    transactionId: 7,
    evseId: 1,
    energyWh: null,
    reason: 'Local',
    at,
  },
  'charger.reported': {
    type: 'charger.reported',
    chargerId: 'CP-1',
    kind: 'FirmwareStatusNotification',
    payload: { status: 'Installed' },
    at,
  },
}

describe('chargerEventSchema', () => {
  test.each(Object.values(examples))('a valid $type event passes unchanged', (event) => {
    expect(chargerEventSchema.parse(JSON.parse(JSON.stringify(event)))).toEqual(event)
  })

  test('fields a newer node added are stripped, not refused', () => {
    const newer = { ...examples['charger.disconnected'], reasonCode: 'Reboot' }
    expect(chargerEventSchema.parse(newer)).toEqual(examples['charger.disconnected'])
  })

  test.each([
    ['not an object', 'charger.connected'],
    ['null', null],
    ['an unknown type', { type: 'charger.exploded', chargerId: 'CP-1', at }],
    ['a missing charger id', { type: 'charger.disconnected', at }],
    ['a time that is text', { ...examples['charger.disconnected'], at: '2026-01-01T00:00:00Z' }],
    ['a fractional EVSE', { ...examples['charger.statusChanged'], evseId: 1.5 }],
    ['an unknown status', { ...examples['charger.statusChanged'], status: 'OnFire' }],
    ['readings that are text', { ...examples['charger.meterSampled'], readings: { powerW: '11 kW' } }],
    ['a report payload that is a list', { ...examples['charger.reported'], payload: [1, 2] }],
  ])('%s is refused', (_, payload) => {
    expect(chargerEventSchema.safeParse(payload).success).toBe(false)
  })
})
