import type { Bus } from '@src/bus/port'
import { subjects } from '@src/bus/subjects'
import { chargerCommandSchema } from '@src/domain/charger/command-schema'
import type { ChargerCommand, CommandOutcome } from '@src/domain/charger/commands'
import { outcome } from '@src/domain/charger/commands'
import { NoRespondersError, RequestTimeoutError } from '@src/lib/errors'
import { budgetMsSchema } from '@src/lib/timeouts'
import { z } from 'zod'

/** A command request on the bus: the command and how long its requester waits (`src/lib/timeouts.ts`). */
export const chargerCommandRequestSchema = z.strictObject({
  command: chargerCommandSchema,
  budgetMs: budgetMsSchema,
})

/**
 * The charger actor's client, for the rest of the system (the admin, the API, the site loop, the
 * simulator's tests): sends a command to whichever node holds the charger's connection, over the bus.
 * "Offline" comes back at once when no node holds it; a node that does not answer in time is a timeout.
 * `timeoutMs` travels with the command, so that node gives up, and drops the command unsent, before
 * this caller does: pass `timeouts.requestMs` (`commandTimeouts` in `src/lib/timeouts.ts`).
 */
export async function sendChargerCommand(
  bus: Bus,
  chargerId: string,
  command: ChargerCommand,
  timeoutMs: number,
): Promise<CommandOutcome> {
  try {
    const request = { command, budgetMs: timeoutMs }
    return (await bus.request(subjects.chargerCommand(chargerId), request, timeoutMs)) as CommandOutcome
  } catch (err) {
    if (err instanceof NoRespondersError) return outcome.offline()
    if (err instanceof RequestTimeoutError) return outcome.timeout()
    throw err
  }
}
