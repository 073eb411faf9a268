import type { ChargerCommand } from '@src/domain/charger/commands'

/** Human names of commands, for the result line. */
export const commandLabels: Record<ChargerCommand['type'], string> = {
  reset: 'Reset',
  remoteStart: 'Remote start',
  remoteStop: 'Remote stop',
  unlock: 'Unlock',
  changeAvailability: 'Availability',
  getVariables: 'Read configuration',
  setVariables: 'Change configuration',
  getBaseReport: 'Device report',
  triggerMessage: 'Trigger',
  clearCache: 'Clear cache',
  setChargingProfile: 'Set charging profile',
  clearChargingProfile: 'Clear charging profile',
  getChargingProfiles: 'Read charging profiles',
  getCompositeSchedule: 'Composite schedule',
  getLog: 'Upload log',
  updateFirmware: 'Update firmware',
  reserveNow: 'Reserve',
  cancelReservation: 'Cancel reservation',
  sendLocalList: 'Send local list',
  getLocalListVersion: 'Local list version',
  dataTransfer: 'Data transfer',
  costUpdated: 'Cost update',
  certificateSigned: 'Send signed certificate',
  installCertificate: 'Install certificate',
  getInstalledCertificateIds: 'List certificates',
  deleteCertificate: 'Delete certificate',
}

type Fields = Record<string, string>
const num = (f: Fields, k: string) => (f[k] === undefined || f[k] === '' ? undefined : Number(f[k]))
const str = (f: Fields, k: string) => (f[k] === undefined || f[k].trim() === '' ? undefined : f[k].trim())
const minutesFrom = (now: number, f: Fields, k: string) => {
  const m = num(f, k)
  return m === undefined ? undefined : now + m * 60_000
}
const variableRef = (f: Fields) => ({ component: str(f, 'component'), variable: str(f, 'variable') ?? '' })

/** Builders for the commands whose fields need more than a number conversion. */
const builders: Partial<Record<ChargerCommand['type'], (f: Fields, now: number) => Record<string, unknown>>> =
  {
    changeAvailability: (f) => ({ evseId: num(f, 'evseId'), operative: f.operative === 'true' }),
    getVariables: (f) => (str(f, 'variable') ? { variables: [variableRef(f)] } : {}),
    setVariables: (f) => ({ variables: [{ ...variableRef(f), value: f.value ?? '' }] }),
    setChargingProfile: (f, now) => ({
      evseId: num(f, 'evseId'),
      profile: {
        id: num(f, 'profileId') ?? Math.floor(now / 1000) % 1_000_000,
        stackLevel: num(f, 'stackLevel') ?? 0,
        purpose: f.purpose,
        kind: 'Absolute',
        schedule: {
          rateUnit: f.rateUnit ?? 'A',
          startSchedule: now,
          ...(num(f, 'durationMinutes') ? { durationS: num(f, 'durationMinutes')! * 60 } : {}),
          periods: [{ startPeriodS: 0, limit: num(f, 'limit') }],
        },
      },
    }),
    getCompositeSchedule: (f) => ({
      evseId: num(f, 'evseId'),
      durationS: (num(f, 'durationMinutes') ?? 60) * 60,
      rateUnit: str(f, 'rateUnit'),
    }),
    getLog: (f) => ({ logType: f.logType, location: str(f, 'location') }),
    updateFirmware: (f, now) => ({
      location: str(f, 'location'),
      retrieveAt: minutesFrom(now, f, 'retrieveInMinutes') ?? now,
    }),
    reserveNow: (f, now) => ({
      idTag: str(f, 'idTag'),
      evseId: num(f, 'evseId'),
      expiresAt: minutesFrom(now, f, 'expiresInMinutes'),
    }),
    getInstalledCertificateIds: (f) =>
      str(f, 'certificateType') ? { certificateTypes: [f.certificateType] } : {},
    deleteCertificate: (f) => ({
      hash: {
        hashAlgorithm: f.hashAlgorithm,
        issuerNameHash: str(f, 'issuerNameHash'),
        issuerKeyHash: str(f, 'issuerKeyHash'),
        serialNumber: str(f, 'serialNumber'),
      },
    }),
  }

const numeric = new Set([
  'evseId',
  'connectorId',
  'transactionId',
  'reservationId',
  'profileId',
  'stackLevel',
  'version',
])

/**
 * A command form's string fields → a command object for the zod schema to judge. Numbers and booleans
 * are converted, empty fields dropped, durations in minutes turned into what the command expects.
 */
export function formToCommand(f: Fields, now: number): Record<string, unknown> {
  const type = f.type as ChargerCommand['type']
  const build = builders[type]
  const body: Record<string, unknown> = build ? build(f, now) : simpleFields(f)
  return Object.fromEntries(Object.entries({ ...body, type }).filter(([, v]) => v !== undefined))
}

function simpleFields(f: Fields): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(f)) {
    if (k === 'type' || v.trim() === '') continue
    out[k] = numeric.has(k) ? Number(v) : v
  }
  return out
}
