import type { ChargerContext } from './context'
import type { ChargerMsg } from './protocol'

type Msg<T extends ChargerMsg['type']> = Extract<ChargerMsg, { type: T }>

/** Device-model attributes (2.0.1 NotifyReport / GetVariables, 1.6 configuration keys) are stored. */
export async function deviceReported(ctx: ChargerContext, msg: Msg<'charger.deviceReported'>): Promise<void> {
  if (msg.variables.length === 0) return
  const { deps } = ctx
  for (let i = 0; i < msg.variables.length; i += 200) {
    await deps.writer.write([
      deps.device.upsertVariables(ctx.chargerId, msg.variables.slice(i, i + 200), deps.clock.now()),
    ])
  }
}

/**
 * What an EV needs (2.0.1 NotifyEVChargingNeeds): kept per EVSE for smart charging, which plans by
 * departure time and energy. Answered Accepted: we take the needs into account.
 */
export async function chargingNeedsReported(
  ctx: ChargerContext,
  msg: Msg<'charger.chargingNeedsReported'>,
): Promise<'Accepted'> {
  const { deps } = ctx
  const now = deps.clock.now()
  await deps.writer.write([
    deps.device.upsertNeeds({
      chargerId: ctx.chargerId,
      evseId: msg.evseId,
      receivedAt: now,
      departureAt: msg.departureAt ?? null,
      energyWh: msg.energyWh ?? null,
      minCurrentA: msg.minCurrentA ?? null,
      maxCurrentA: msg.maxCurrentA ?? null,
      transferMode: msg.transferMode,
      payload: msg.payload,
    }),
  ])
  ctx.publish({
    type: 'charger.chargingNeeds',
    chargerId: ctx.chargerId,
    evseId: msg.evseId,
    departureAt: msg.departureAt ?? null,
    energyWh: msg.energyWh ?? null,
    minCurrentA: msg.minCurrentA ?? null,
    maxCurrentA: msg.maxCurrentA ?? null,
    at: now,
  })
  return 'Accepted'
}

/** A reservation's fate as the station reports it (2.0.1 ReservationStatusUpdate). */
export async function reservationUpdated(
  ctx: ChargerContext,
  msg: Msg<'charger.reservationUpdated'>,
): Promise<void> {
  const { deps } = ctx
  const now = deps.clock.now()
  await deps.writer.write([
    deps.device.setReservationStatus(ctx.chargerId, msg.reservationId, msg.status, now),
    deps.chargers.logEvent(ctx.chargerId, now, 'ReservationStatus', {
      reservationId: msg.reservationId,
      status: msg.status,
    }),
  ])
}

/**
 * A certificate signing request (SignCertificate): stored in the charger's log for the operator's CA to
 * sign; the signed chain goes back with the `certificateSigned` command. Accepted: we will handle it.
 */
export async function certificateRequested(
  ctx: ChargerContext,
  msg: Msg<'charger.certificateRequested'>,
): Promise<'Accepted'> {
  const { deps } = ctx
  await deps.writer.write([
    deps.chargers.logEvent(ctx.chargerId, deps.clock.now(), 'CertificateSigningRequest', {
      csr: msg.csr,
      certificateType: msg.certificateType ?? 'ChargingStationCertificate',
    }),
  ])
  return 'Accepted'
}
