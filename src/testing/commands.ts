import type { ChargerCommand } from '@src/domain/charger/commands'

const hour = 3_600_000
const at = Date.UTC(2027, 0, 1, 12)

/** A simple one-period profile. */
const profile = (purpose: 'ChargingStationMaxProfile' | 'TxDefaultProfile' | 'TxProfile', limit: number) => ({
  id: 7,
  stackLevel: 1,
  purpose,
  kind: 'Absolute' as const,
  schedule: {
    rateUnit: 'A' as const,
    startSchedule: at,
    durationS: 3600,
    periods: [{ startPeriodS: 0, limit }],
  },
})

/**
 * One or more samples of every neutral command (the mapped type makes sure none is forgotten). Commands
 * that refer to a transaction use `transactionId: 0`, which tests replace with a real one.
 */
export const commandSamples: { [K in ChargerCommand['type']]: Extract<ChargerCommand, { type: K }>[] } = {
  reset: [
    { type: 'reset', kind: 'Soft' },
    { type: 'reset', kind: 'Hard' },
  ],
  remoteStart: [
    { type: 'remoteStart', idTag: 'RFID-1', evseId: 1 },
    { type: 'remoteStart', idTag: 'RFID-1', chargingProfile: profile('TxProfile', 16) },
  ],
  remoteStop: [{ type: 'remoteStop', transactionId: 0 }],
  unlock: [{ type: 'unlock', evseId: 1 }],
  changeAvailability: [
    { type: 'changeAvailability', evseId: 0, operative: false },
    { type: 'changeAvailability', evseId: 1, operative: true },
  ],
  getVariables: [
    { type: 'getVariables', variables: [{ component: 'OCPPCommCtrlr', variable: 'HeartbeatInterval' }] },
    { type: 'getVariables' },
  ],
  setVariables: [
    {
      type: 'setVariables',
      variables: [{ component: 'OCPPCommCtrlr', variable: 'HeartbeatInterval', value: '60' }],
    },
  ],
  getBaseReport: [{ type: 'getBaseReport', reportBase: 'FullInventory' }],
  triggerMessage: [
    { type: 'triggerMessage', message: 'StatusNotification', evseId: 1 },
    { type: 'triggerMessage', message: 'SignChargingStationCertificate' },
  ],
  clearCache: [{ type: 'clearCache' }],
  setChargingProfile: [
    { type: 'setChargingProfile', evseId: 0, profile: profile('ChargingStationMaxProfile', 32) },
  ],
  clearChargingProfile: [
    { type: 'clearChargingProfile', profileId: 7 },
    { type: 'clearChargingProfile', evseId: 1, purpose: 'TxDefaultProfile' },
  ],
  getChargingProfiles: [{ type: 'getChargingProfiles', evseId: 1, purpose: 'TxProfile' }],
  getCompositeSchedule: [{ type: 'getCompositeSchedule', evseId: 1, durationS: 3600, rateUnit: 'A' }],
  getLog: [
    {
      type: 'getLog',
      logType: 'DiagnosticsLog',
      location: 'https://logs.example.com/upload',
      oldest: at - hour,
    },
    { type: 'getLog', logType: 'SecurityLog', location: 'https://logs.example.com/upload' },
  ],
  updateFirmware: [
    { type: 'updateFirmware', location: 'https://fw.example.com/v2.bin', retrieveAt: at },
    {
      type: 'updateFirmware',
      location: 'https://fw.example.com/v2.bin',
      retrieveAt: at,
      signingCertificate: 'PEM',
      signature: 'c2ln',
    },
  ],
  reserveNow: [{ type: 'reserveNow', evseId: 1, idTag: 'RFID-1', expiresAt: at + hour }],
  cancelReservation: [{ type: 'cancelReservation', reservationId: 99 }],
  sendLocalList: [
    {
      type: 'sendLocalList',
      version: 3,
      updateType: 'Full',
      entries: [
        { idTag: 'RFID-1', status: 'Accepted' },
        { idTag: 'RFID-2', status: 'Blocked', expiresAt: at },
      ],
    },
  ],
  getLocalListVersion: [{ type: 'getLocalListVersion' }],
  dataTransfer: [{ type: 'dataTransfer', vendorId: 'com.acme', messageId: 'hello', data: 'x' }],
  costUpdated: [{ type: 'costUpdated', transactionId: 0, totalCost: '12.345' }],
  certificateSigned: [
    {
      type: 'certificateSigned',
      certificateChain: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----',
    },
  ],
  installCertificate: [
    {
      type: 'installCertificate',
      certificate: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----',
      certificateType: 'CentralSystemRootCertificate',
    },
  ],
  getInstalledCertificateIds: [
    { type: 'getInstalledCertificateIds', certificateTypes: ['CentralSystemRootCertificate'] },
  ],
  deleteCertificate: [
    {
      type: 'deleteCertificate',
      hash: { hashAlgorithm: 'SHA256', issuerNameHash: 'aa', issuerKeyHash: 'bb', serialNumber: '01' },
    },
  ],
}

/** Every command sample, flattened. */
export const allCommandSamples = (): ChargerCommand[] => Object.values(commandSamples).flat()

const hashData = { hashAlgorithm: 'SHA256', issuerNameHash: 'aa', issuerKeyHash: 'bb', serialNumber: '01' }

/** What a well-behaved OCPP 1.6 charge point answers to each central-system call. */
export const answers16: Record<string, Record<string, unknown>> = {
  Reset: { status: 'Accepted' },
  RemoteStartTransaction: { status: 'Accepted' },
  RemoteStopTransaction: { status: 'Accepted' },
  UnlockConnector: { status: 'Unlocked' },
  ChangeAvailability: { status: 'Scheduled' },
  GetConfiguration: {
    configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }],
    unknownKey: [],
  },
  ChangeConfiguration: { status: 'RebootRequired' },
  TriggerMessage: { status: 'Accepted' },
  ExtendedTriggerMessage: { status: 'Accepted' },
  ClearCache: { status: 'Accepted' },
  SetChargingProfile: { status: 'Accepted' },
  ClearChargingProfile: { status: 'Unknown' },
  GetCompositeSchedule: {
    status: 'Accepted',
    connectorId: 1,
    chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 16 }] },
  },
  GetDiagnostics: { fileName: 'diag.zip' },
  GetLog: { status: 'Accepted', filename: 'security.log' },
  UpdateFirmware: {},
  SignedUpdateFirmware: { status: 'Accepted' },
  ReserveNow: { status: 'Accepted' },
  CancelReservation: { status: 'Rejected' },
  SendLocalList: { status: 'Accepted' },
  GetLocalListVersion: { listVersion: 3 },
  DataTransfer: { status: 'Accepted', data: 'ok' },
  CertificateSigned: { status: 'Accepted' },
  InstallCertificate: { status: 'Accepted' },
  GetInstalledCertificateIds: { status: 'Accepted', certificateHashData: [hashData] },
  DeleteCertificate: { status: 'Accepted' },
}

/** What a well-behaved OCPP 2.0.1 charging station answers to each CSMS call. */
export const answers201: Record<string, Record<string, unknown>> = {
  Reset: { status: 'Accepted' },
  RequestStartTransaction: { status: 'Accepted' },
  RequestStopTransaction: { status: 'Accepted' },
  CostUpdated: {},
  UnlockConnector: { status: 'Unlocked' },
  ChangeAvailability: { status: 'Scheduled' },
  GetVariables: {
    getVariableResult: [
      {
        attributeStatus: 'Accepted',
        component: { name: 'OCPPCommCtrlr' },
        variable: { name: 'HeartbeatInterval' },
        attributeValue: '300',
      },
    ],
  },
  SetVariables: {
    setVariableResult: [
      {
        attributeStatus: 'RebootRequired',
        component: { name: 'OCPPCommCtrlr' },
        variable: { name: 'HeartbeatInterval' },
      },
    ],
  },
  GetBaseReport: { status: 'Accepted' },
  TriggerMessage: { status: 'Accepted' },
  ClearCache: { status: 'Accepted' },
  SetChargingProfile: { status: 'Accepted' },
  ClearChargingProfile: { status: 'Unknown' },
  GetChargingProfiles: { status: 'NoProfiles' },
  GetCompositeSchedule: {
    status: 'Accepted',
    schedule: {
      evseId: 1,
      duration: 3600,
      scheduleStart: '2027-01-01T12:00:00Z',
      chargingRateUnit: 'A',
      chargingSchedulePeriod: [{ startPeriod: 0, limit: 16 }],
    },
  },
  GetLog: { status: 'Accepted', filename: 'log.zip' },
  UpdateFirmware: { status: 'Accepted' },
  ReserveNow: { status: 'Occupied' },
  CancelReservation: { status: 'Accepted' },
  SendLocalList: { status: 'VersionMismatch' },
  GetLocalListVersion: { versionNumber: 3 },
  DataTransfer: { status: 'UnknownVendorId' },
  CertificateSigned: { status: 'Accepted' },
  InstallCertificate: { status: 'Accepted' },
  GetInstalledCertificateIds: { status: 'NotFound' },
  DeleteCertificate: { status: 'NotFound' },
}

/** The outcome status a command should report, given the charger's answer to its (last) CALL. */
export function expectedStatus(answer: Record<string, unknown>): string {
  if (typeof answer.status === 'string') return answer.status
  const results = (answer.setVariableResult ?? answer.getVariableResult) as
    | { attributeStatus: string }[]
    | undefined
  if (answer.setVariableResult && results) return results[0]!.attributeStatus
  return 'Accepted'
}

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
  costUpdated: { transactionId: '42', totalCost: '12.50' },
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
