import { z } from 'zod'
import type { ChargerCommand } from './commands'

const evseId = z.number().int().min(0).max(1000)

/**
 * The zod schema of a neutral command: validates API bodies, admin forms and bus payloads alike.
 */
export const chargerCommandSchema: z.ZodType<ChargerCommand> = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('reset'), kind: z.enum(['Soft', 'Hard']) }),
  z.strictObject({
    type: z.literal('remoteStart'),
    idTag: z.string().min(1).max(36),
    evseId: evseId.min(1).optional(),
  }),
  z.strictObject({ type: z.literal('remoteStop'), transactionId: z.number().int() }),
  z.strictObject({
    type: z.literal('unlock'),
    evseId: evseId.min(1),
    connectorId: z.number().int().min(1).optional(),
  }),
  z.strictObject({ type: z.literal('changeAvailability'), evseId, operative: z.boolean() }),
  z.strictObject({
    type: z.literal('getConfiguration'),
    keys: z.array(z.string().min(1).max(50)).max(100).optional(),
  }),
  z.strictObject({
    type: z.literal('changeConfiguration'),
    key: z.string().min(1).max(50),
    value: z.string().max(500),
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
    ]),
    evseId: evseId.optional(),
  }),
  z.strictObject({ type: z.literal('clearCache') }),
  z.strictObject({
    type: z.literal('dataTransfer'),
    vendorId: z.string().min(1).max(255),
    messageId: z.string().max(50).optional(),
    data: z.string().optional(),
  }),
])
