import { z } from 'zod'
import type { LiveReadings } from './meter'
import type { ChargingState, ConnectorStatus, RegistrationStatus, StationInfo } from './types'

/**
 * Domain events a charger actor publishes on the bus (subject `csms.evt.charger.<id>.<suffix>`, where
 * the suffix is the part of `type` after `charger.`). Listeners: site actors, session actors, live admin
 * pages, OCPI push. All times are epoch ms; payloads are plain JSON.
 */
export type ChargerEvent =
  | { type: 'charger.connected'; chargerId: string; protocol: string; nodeId: string; at: number }
  | { type: 'charger.disconnected'; chargerId: string; at: number }
  | {
      type: 'charger.booted'
      chargerId: string
      station: StationInfo
      registration: RegistrationStatus
      at: number
    }
  | {
      type: 'charger.statusChanged'
      chargerId: string
      evseId: number
      connectorId: number
      status: ConnectorStatus
      errorCode: string | null
      at: number
    }
  | {
      type: 'charger.transactionStarted'
      chargerId: string
      transactionId: number
      evseId: number
      connectorId: number
      idTag: string | null
      meterStartWh: number | null
      at: number
    }
  | {
      type: 'charger.transactionUpdated'
      chargerId: string
      transactionId: number
      evseId: number
      chargingState: ChargingState
      at: number
    }
  | {
      type: 'charger.chargingNeeds'
      chargerId: string
      evseId: number
      departureAt: number | null
      energyWh: number | null
      minCurrentA: number | null
      maxCurrentA: number | null
      at: number
    }
  | {
      type: 'charger.meterSampled'
      chargerId: string
      evseId: number
      transactionId: number | null
      energyWh: number | null
      readings: LiveReadings
      at: number
    }
  | {
      type: 'charger.transactionEnded'
      chargerId: string
      transactionId: number
      evseId: number
      /** Null when a start or stop reading is missing (the charger sent none): the energy is unknown. */
      energyWh: number | null
      reason: string | null
      at: number
    }
  | {
      type: 'charger.reported'
      chargerId: string
      kind: string
      payload: Record<string, unknown>
      at: number
    }

/** The subject suffix of an event (`charger.statusChanged` → `statusChanged`). */
export function eventSuffix(event: ChargerEvent): string {
  return event.type.slice('charger.'.length)
}

const chargerId = z.string().min(1)
const at = z.number()
const evseId = z.number().int().nonnegative()
const connectorId = z.number().int().nonnegative()
const transactionId = z.number().int()
const optionalText = z.string().optional()

const station = z.object({
  vendor: z.string(),
  model: z.string(),
  serialNumber: optionalText,
  firmwareVersion: optionalText,
  iccid: optionalText,
  imsi: optionalText,
  meterType: optionalText,
  meterSerialNumber: optionalText,
})

const readings = z.object({
  powerW: z.number().optional(),
  currentA: z
    .object({ L1: z.number().optional(), L2: z.number().optional(), L3: z.number().optional() })
    .optional(),
  soc: z.number().optional(),
})

const connectorStatus = z.enum([
  'Available',
  'Preparing',
  'Charging',
  'SuspendedEVSE',
  'SuspendedEV',
  'Finishing',
  'Occupied',
  'Reserved',
  'Unavailable',
  'Faulted',
])

/**
 * A {@link ChargerEvent} as it arrives from the bus: receivers validate with it, since across nodes
 * a payload is only JSON from someone else's process (an older node in a rolling upgrade, a foreign
 * publisher). Unknown fields are stripped rather than refused, so a newer node's additions do not
 * silence an older one. Typed against `ChargerEvent`, so the compiler keeps the two in step.
 *
 * @example
 * const parsed = chargerEventSchema.safeParse(payload)
 * if (parsed.success) self.tell({ type: 'site.chargerEvent', event: parsed.data })
 */
export const chargerEventSchema: z.ZodType<ChargerEvent, unknown> = z.discriminatedUnion('type', [
  z.object({ type: z.literal('charger.connected'), chargerId, protocol: z.string(), nodeId: z.string(), at }),
  z.object({ type: z.literal('charger.disconnected'), chargerId, at }),
  z.object({
    type: z.literal('charger.booted'),
    chargerId,
    station,
    registration: z.enum(['Accepted', 'Pending', 'Rejected']),
    at,
  }),
  z.object({
    type: z.literal('charger.statusChanged'),
    chargerId,
    evseId,
    connectorId,
    status: connectorStatus,
    errorCode: z.string().nullable(),
    at,
  }),
  z.object({
    type: z.literal('charger.transactionStarted'),
    chargerId,
    transactionId,
    evseId,
    connectorId,
    idTag: z.string().nullable(),
    meterStartWh: z.number().nullable(),
    at,
  }),
  z.object({
    type: z.literal('charger.transactionUpdated'),
    chargerId,
    transactionId,
    evseId,
    chargingState: z.enum(['Charging', 'EVConnected', 'SuspendedEV', 'SuspendedEVSE', 'Idle']),
    at,
  }),
  z.object({
    type: z.literal('charger.chargingNeeds'),
    chargerId,
    evseId,
    departureAt: z.number().nullable(),
    energyWh: z.number().nullable(),
    minCurrentA: z.number().nullable(),
    maxCurrentA: z.number().nullable(),
    at,
  }),
  z.object({
    type: z.literal('charger.meterSampled'),
    chargerId,
    evseId,
    transactionId: transactionId.nullable(),
    energyWh: z.number().nullable(),
    readings,
    at,
  }),
  z.object({
    type: z.literal('charger.transactionEnded'),
    chargerId,
    transactionId,
    evseId,
    energyWh: z.number().nullable(),
    reason: z.string().nullable(),
    at,
  }),
  z.object({
    type: z.literal('charger.reported'),
    chargerId,
    kind: z.string(),
    payload: z.record(z.string(), z.unknown()),
    at,
  }),
])
