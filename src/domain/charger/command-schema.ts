import { z } from 'zod'
import type { ChargingProfile } from './charging-profile'
import type { ChargerCommand } from './commands'

const evseId = z.number().int().min(0).max(1000)
const connectorId = z.number().int().min(1).max(100)
const id = z
  .number()
  .int()
  .min(0)
  .max(2 ** 31 - 1)
const text = (max: number) => z.string().min(1).max(max)
/** A time: an ISO 8601 date-time with a time zone (API, forms) or epoch ms (bus). */
const time = z.union([
  z.iso.datetime({ offset: true }).transform((s) => Date.parse(s)),
  z.number().int().nonnegative(),
])
const purpose = z.enum(['ChargingStationMaxProfile', 'TxDefaultProfile', 'TxProfile'])
const certificateUse = z.enum([
  'CentralSystemRootCertificate',
  'ManufacturerRootCertificate',
  'V2GRootCertificate',
  'MORootCertificate',
])

/** A neutral charging profile. */
export const chargingProfileSchema: z.ZodType<ChargingProfile, unknown> = z.strictObject({
  id,
  stackLevel: z.number().int().min(0).max(100),
  purpose,
  kind: z.enum(['Absolute', 'Recurring', 'Relative']),
  recurrency: z.enum(['Daily', 'Weekly']).optional(),
  validFrom: time.optional(),
  validTo: time.optional(),
  transactionId: z.number().int().optional(),
  schedule: z.strictObject({
    startSchedule: time.optional(),
    durationS: z.number().int().positive().optional(),
    rateUnit: z.enum(['A', 'W']),
    minRate: z.number().nonnegative().optional(),
    periods: z
      .array(
        z.strictObject({
          startPeriodS: z.number().int().nonnegative(),
          limit: z.number().nonnegative().max(1_000_000),
          numberPhases: z.number().int().min(1).max(3).optional(),
        }),
      )
      .min(1)
      .max(48),
  }),
})

const variableRef = {
  component: text(50).optional(),
  componentInstance: text(50).optional(),
  evseId: evseId.optional(),
  connectorId: connectorId.optional(),
  variable: text(50),
  variableInstance: text(50).optional(),
}

/**
 * The zod schema of a neutral command: validates API bodies, admin forms and bus payloads alike.
 */
export const chargerCommandSchema: z.ZodType<ChargerCommand, unknown> = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('reset'), kind: z.enum(['Soft', 'Hard']), evseId: evseId.optional() }),
  z.strictObject({
    type: z.literal('remoteStart'),
    idTag: text(36),
    evseId: evseId.min(1).optional(),
    chargingProfile: chargingProfileSchema.optional(),
  }),
  z.strictObject({ type: z.literal('remoteStop'), transactionId: z.number().int().positive() }),
  z.strictObject({ type: z.literal('unlock'), evseId: evseId.min(1), connectorId: connectorId.optional() }),
  z.strictObject({
    type: z.literal('changeAvailability'),
    evseId,
    connectorId: connectorId.optional(),
    operative: z.boolean(),
  }),
  z.strictObject({
    type: z.literal('getVariables'),
    variables: z.array(z.strictObject(variableRef)).min(1).max(100).optional(),
  }),
  z.strictObject({
    type: z.literal('setVariables'),
    variables: z
      .array(z.strictObject({ ...variableRef, value: z.string().max(1000) }))
      .min(1)
      .max(100),
  }),
  z.strictObject({
    type: z.literal('getBaseReport'),
    reportBase: z.enum(['ConfigurationInventory', 'FullInventory', 'SummaryInventory']),
  }),
  z.strictObject({
    type: z.literal('triggerMessage'),
    message: z.enum([
      'BootNotification',
      'Heartbeat',
      'StatusNotification',
      'MeterValues',
      'FirmwareStatusNotification',
      'DiagnosticsStatusNotification',
      'LogStatusNotification',
      'TransactionEvent',
      'SignChargingStationCertificate',
      'SignV2GCertificate',
    ]),
    evseId: evseId.optional(),
  }),
  z.strictObject({ type: z.literal('clearCache') }),
  z.strictObject({
    type: z.literal('setChargingProfile'),
    evseId,
    profile: chargingProfileSchema,
    fence: z
      .strictObject({ key: z.string().min(1).max(100), token: z.number().int().nonnegative() })
      .optional(),
  }),
  z.strictObject({
    type: z.literal('clearChargingProfile'),
    profileId: id.optional(),
    evseId: evseId.optional(),
    purpose: purpose.optional(),
    stackLevel: z.number().int().min(0).max(100).optional(),
  }),
  z.strictObject({
    type: z.literal('getChargingProfiles'),
    evseId: evseId.optional(),
    purpose: purpose.optional(),
    stackLevel: z.number().int().min(0).max(100).optional(),
    profileIds: z.array(id).min(1).max(50).optional(),
  }),
  z.strictObject({
    type: z.literal('getCompositeSchedule'),
    evseId,
    durationS: z
      .number()
      .int()
      .positive()
      .max(7 * 86_400),
    rateUnit: z.enum(['A', 'W']).optional(),
  }),
  z.strictObject({
    type: z.literal('getLog'),
    logType: z.enum(['DiagnosticsLog', 'SecurityLog']),
    location: z.url().max(512),
    oldest: time.optional(),
    latest: time.optional(),
    retries: z.number().int().min(0).max(100).optional(),
    retryIntervalS: z.number().int().min(0).max(86_400).optional(),
  }),
  z.strictObject({
    type: z.literal('updateFirmware'),
    location: z.url().max(512),
    retrieveAt: time,
    installAt: time.optional(),
    retries: z.number().int().min(0).max(100).optional(),
    retryIntervalS: z.number().int().min(0).max(86_400).optional(),
    signingCertificate: z.string().min(1).max(5500).optional(),
    signature: z.string().min(1).max(800).optional(),
  }),
  z.strictObject({
    type: z.literal('reserveNow'),
    evseId: evseId.min(1).optional(),
    idTag: text(36),
    groupIdTag: text(36).optional(),
    expiresAt: time,
  }),
  z.strictObject({ type: z.literal('cancelReservation'), reservationId: id }),
  z.strictObject({
    type: z.literal('sendLocalList'),
    version: z
      .number()
      .int()
      .min(1)
      .max(2 ** 31 - 1),
    updateType: z.enum(['Full', 'Differential']),
    entries: z
      .array(
        z.strictObject({
          idTag: text(36),
          status: z.enum(['Accepted', 'Blocked', 'Expired', 'Invalid', 'ConcurrentTx']).optional(),
          expiresAt: time.optional(),
          groupId: text(36).optional(),
        }),
      )
      .max(10_000),
  }),
  z.strictObject({ type: z.literal('getLocalListVersion') }),
  z.strictObject({
    type: z.literal('dataTransfer'),
    vendorId: text(255),
    messageId: text(50).optional(),
    data: z.string().optional(),
  }),
  z.strictObject({
    type: z.literal('costUpdated'),
    transactionId: z.number().int().positive(),
    totalCost: z.string().regex(/^\d{1,12}(\.\d{1,12})?$/, 'a non-negative decimal like 12.50'),
  }),
  z.strictObject({
    type: z.literal('certificateSigned'),
    certificateChain: z.string().min(1).max(10_000),
    certificateType: z.enum(['ChargingStationCertificate', 'V2GCertificate']).optional(),
  }),
  z.strictObject({
    type: z.literal('installCertificate'),
    certificate: z.string().min(1).max(5500),
    certificateType: certificateUse,
  }),
  z.strictObject({
    type: z.literal('getInstalledCertificateIds'),
    certificateTypes: z.array(certificateUse).min(1).max(4).optional(),
  }),
  z.strictObject({
    type: z.literal('deleteCertificate'),
    hash: z.strictObject({
      hashAlgorithm: z.enum(['SHA256', 'SHA384', 'SHA512']),
      issuerNameHash: text(128),
      issuerKeyHash: text(128),
      serialNumber: text(40),
    }),
  }),
])
