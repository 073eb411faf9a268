import type { ChargingProfile } from '@src/domain/charger/charging-profile'
import { type ChargerCommand, type CommandOutcome, outcome } from '@src/domain/charger/commands'
import type { Clock } from '@src/lib/clock'
import type { SetpointAnswer } from '@src/sim/site/types'

/** The world's side of a setpoint: a charger takes a TxProfile limit or a fail-safe default. */
export interface SetpointReceiver {
  setLimit(chargerId: string, limitA: number, validForS: number): SetpointAnswer
  setDefault(chargerId: string, limitA: number): SetpointAnswer
}

/** One setpoint that reached a charger's link (whatever became of it). */
export interface SentSetpoint {
  chargerId: string
  limitA: number
  purpose: 'limit' | 'default'
  at: number
  status: SetpointAnswer['status'] | 'Offline'
}

/** What the link needs. */
export interface CommandLinkDeps {
  clock: Clock
  world: SetpointReceiver
  /** Chargers the CSMS holds a connection for; any other is Offline at once, as the bus says. */
  connected: ReadonlySet<string>
  /** How long a CALL waits for a charger that does not answer before the node answers Timeout (ms). */
  callTimeoutMs: number
  /** Every setpoint, as it is sent. */
  onSent?: (sent: SentSetpoint) => void
}

/**
 * The CSMS's command path to the simulated chargers, for the site actor's `deps.command`: a
 * SetChargingProfile goes to the world at once (a TxProfile as a limit valid until its schedule ends,
 * a TxDefault as the fail-safe), and its answer comes back when the world says the charger answers. A
 * charger whose link is silently down never answers, so the command ends `Timeout` after the call
 * timeout, as the node holding the socket reports it; one the CSMS knows is disconnected is `Offline`
 * at once. Besides setpoints the loop only asks an OCPP building meter for faster readings (refused:
 * see {@link METER_KEEPS_ITS_INTERVAL}).
 */
export function commandLink(
  deps: CommandLinkDeps,
): (chargerId: string, command: ChargerCommand) => Promise<CommandOutcome> {
  return async (chargerId, command) => {
    if (command.type === 'setVariables') return METER_KEEPS_ITS_INTERVAL
    if (command.type !== 'setChargingProfile')
      throw new Error(`the closed loop carries setpoints and meter settings, not ${command.type}`)
    const { clock } = deps
    const { profile } = command
    const limitA = profile.schedule.periods[0]?.limit ?? 0
    const purpose = profile.purpose === 'TxProfile' ? 'limit' : 'default'
    const at = clock.now()
    if (!deps.connected.has(chargerId)) {
      deps.onSent?.({ chargerId, limitA, purpose, at, status: 'Offline' })
      return outcome.offline()
    }
    const answer =
      purpose === 'limit'
        ? deps.world.setLimit(chargerId, limitA, validForS(profile, at))
        : deps.world.setDefault(chargerId, limitA)
    deps.onSent?.({ chargerId, limitA, purpose, at, status: answer.status })
    const result: CommandOutcome =
      answer.status === 'NoAnswer' ? outcome.timeout() : { status: answer.status }
    const answeredAt = answer.status === 'NoAnswer' ? at + deps.callTimeoutMs : answer.at
    return new Promise((resolve) => clock.setTimeout(() => resolve(result), Math.max(0, answeredAt - at)))
  }
}

/**
 * The loop asks a slow OCPP building meter to report every few seconds; the simulated meter reports at
 * its scenario's interval whatever it is asked, so it says so rather than claim a change it does not make.
 */
const METER_KEEPS_ITS_INTERVAL: CommandOutcome = {
  status: 'Rejected',
  detail: "the simulated meter reports at its scenario's interval",
}

/** How long a TxProfile stays in force from `now` (s): until its schedule's end, or for good. */
function validForS(profile: ChargingProfile, now: number): number {
  const { startSchedule, durationS } = profile.schedule
  if (startSchedule === undefined || durationS === undefined) return Number.POSITIVE_INFINITY
  return Math.max(0, (startSchedule + durationS * 1000 - now) / 1000)
}
