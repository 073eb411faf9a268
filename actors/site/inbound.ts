import { chargerIdOf } from '@src/bus/subjects'
import { type ChargerEvent, chargerEventSchema } from '@src/domain/charger/events'
import type { Logger } from '@src/lib/log'
import { z } from 'zod'

/**
 * A building-meter reading as it arrives on the site's meter subject (from the API or a meter
 * gateway, possibly on another node): three finite per-phase currents in A and the time measured.
 */
const buildingReadingSchema = z.object({
  currentA: z.tuple([z.number(), z.number(), z.number()]),
  measuredAt: z.number(),
})

/** A validated building-meter reading. */
export type BuildingReading = z.infer<typeof buildingReadingSchema>

/**
 * A charger event from the bus, validated (it may come from another node's process); undefined for a
 * malformed one, or one naming another charger than its subject, logged at debug and dropped.
 */
export function chargerEventFrom(payload: unknown, subject: string, log: Logger): ChargerEvent | undefined {
  const parsed = chargerEventSchema.safeParse(payload)
  if (parsed.success && parsed.data.chargerId === chargerIdOf(subject)) return parsed.data
  const issue = parsed.success ? 'charger id differs from the subject' : parsed.error.issues[0]?.message
  log.debug('malformed charger event dropped', { subject, issue })
  return undefined
}

/** A building reading from the bus, validated; undefined (logged at debug) when malformed. */
export function buildingReadingFrom(
  payload: unknown,
  subject: string,
  log: Logger,
): BuildingReading | undefined {
  const parsed = buildingReadingSchema.safeParse(payload)
  if (parsed.success) return parsed.data
  log.debug('malformed building reading dropped', { subject, issue: parsed.error.issues[0]?.message })
  return undefined
}
