import type { Bus } from '@src/bus/port'
import { subjects } from '@src/bus/subjects'
import type { ChargerCommand, CommandOutcome } from '@src/domain/charger/commands'
import { outcome } from '@src/domain/charger/commands'
import { NoRespondersError, RequestTimeoutError } from '@src/lib/errors'

/**
 * The charger actor's client, for the rest of the system (the admin, the API, the site loop, the
 * simulator's tests): sends a command to whichever node holds the charger's connection, over the bus.
 * "Offline" comes back at once when no node holds it; a node that does not answer in time is a timeout.
 */
export async function sendChargerCommand(
  bus: Bus,
  chargerId: string,
  command: ChargerCommand,
  timeoutMs: number,
): Promise<CommandOutcome> {
  try {
    return (await bus.request(subjects.chargerCommand(chargerId), command, timeoutMs)) as CommandOutcome
  } catch (err) {
    if (err instanceof NoRespondersError) return outcome.offline()
    if (err instanceof RequestTimeoutError) return outcome.timeout()
    throw err
  }
}
