import { describe, expect, test } from 'bun:test'
import { chargerCommandSchema } from '@src/domain/charger/command-schema'
import type { ChargerCommand } from '@src/domain/charger/commands'
import { commandLabels, formToCommand } from './command-forms'

const now = Date.UTC(2026, 5, 1, 12)

/** A filled-in form for every command type; each must become a valid command. */
export const sampleForms: Record<ChargerCommand['type'], Record<string, string>> = {
  reset: { kind: 'Hard' },
  remoteStart: { idTag: 'RFID-1', evseId: '1' },
  remoteStop: { transactionId: '42' },
  unlock: { evseId: '1' },
  changeAvailability: { evseId: '0', operative: 'false' },
  getVariables: { component: '', variable: '' },
  setVariables: { component: 'OCPPCommCtrlr', variable: 'HeartbeatInterval', value: '60' },
  getBaseReport: { reportBase: 'ConfigurationInventory' },
  triggerMessage: { message: 'StatusNotification', evseId: '' },
  clearCache: {},
  setChargingProfile: {
    evseId: '0',
    purpose: 'ChargingStationMaxProfile',
    rateUnit: 'A',
    limit: '24',
    stackLevel: '1',
    durationMinutes: '',
  },
  clearChargingProfile: { profileId: '', purpose: 'TxDefaultProfile', evseId: '' },
  getChargingProfiles: { evseId: '1', purpose: '' },
  getCompositeSchedule: { evseId: '1', durationMinutes: '60', rateUnit: 'A' },
  getLog: { logType: 'DiagnosticsLog', location: 'https://logs.example.com/up' },
  updateFirmware: { location: 'https://fw.example.com/f.bin', retrieveInMinutes: '5' },
  reserveNow: { idTag: 'RFID-1', evseId: '1', expiresInMinutes: '30' },
  cancelReservation: { reservationId: '3' },
  sendLocalList: { updateType: 'Full', version: '7' },
  getLocalListVersion: {},
  dataTransfer: { vendorId: 'com.acme', messageId: 'ping', data: '' },
  certificateSigned: { certificateChain: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----' },
  installCertificate: {
    certificateType: 'CentralSystemRootCertificate',
    certificate: '-----BEGIN CERTIFICATE-----\nX\n-----END CERTIFICATE-----',
  },
  getInstalledCertificateIds: { certificateType: '' },
  deleteCertificate: {
    hashAlgorithm: 'SHA256',
    issuerNameHash: 'aa',
    issuerKeyHash: 'bb',
    serialNumber: '01',
  },
}

describe('command forms', () => {
  for (const [type, fields] of Object.entries(sampleForms)) {
    test(`the ${commandLabels[type as ChargerCommand['type']]} form makes a valid ${type} command`, () => {
      const raw = formToCommand({ type, ...fields }, now)
      if (type === 'sendLocalList') raw.entries = []
      const parsed = chargerCommandSchema.safeParse(raw)
      expect(parsed.error?.issues ?? []).toEqual([])
      expect(parsed.data?.type).toBe(type as ChargerCommand['type'])
    })
  }

  test('minutes become times and durations', () => {
    expect(formToCommand({ type: 'reserveNow', idTag: 'A', expiresInMinutes: '30' }, now)).toMatchObject({
      expiresAt: now + 30 * 60_000,
    })
    expect(
      formToCommand({ type: 'getCompositeSchedule', evseId: '1', durationMinutes: '15' }, now),
    ).toMatchObject({ durationS: 900 })
  })

  test('a bad field is caught by the schema with a message naming it', () => {
    const parsed = chargerCommandSchema.safeParse(
      formToCommand(
        { type: 'setChargingProfile', evseId: '1', purpose: 'TxDefaultProfile', limit: '-5' },
        now,
      ),
    )
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues[0]?.path.join('.')).toContain('limit')
  })
})
