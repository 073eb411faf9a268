import { meterEnergyWh } from '@src/domain/charger/energy'
import { liveReadings } from '@src/domain/charger/meter'
import type { MeterSample } from '@src/domain/charger/types'
import type { ChargerContext } from './context'
import type { OpenTx } from './state'

/** A transaction that ended: forgotten by the actor, and published. */
export function forget(ctx: ChargerContext, tx: OpenTx, reason: string, at: number): void {
  ctx.state.open.delete(tx.wireTxId)
  publishEnded(ctx, tx, reason, at)
}

/** Publishes a transaction's start. */
export function publishStarted(ctx: ChargerContext, tx: OpenTx): void {
  ctx.publish({
    type: 'charger.transactionStarted',
    chargerId: ctx.chargerId,
    transactionId: tx.id,
    evseId: tx.evseId,
    connectorId: tx.connectorId,
    idTag: tx.idTag,
    meterStartWh: tx.meter.start?.wh ?? null,
    at: tx.startedAt,
  })
}

/** Publishes a transaction's end, with its energy (null when unknown). */
export function publishEnded(ctx: ChargerContext, tx: OpenTx, reason: string, at: number): void {
  ctx.publish({
    type: 'charger.transactionEnded',
    chargerId: ctx.chargerId,
    transactionId: tx.id,
    evseId: tx.evseId,
    energyWh: meterEnergyWh(tx.meter),
    reason,
    at,
  })
}

/** Publishes what a batch of samples tells about a connector (power, current, SoC, energy so far). */
export function publishSamples(
  ctx: ChargerContext,
  evseId: number,
  tx: OpenTx | undefined,
  samples: readonly MeterSample[],
): void {
  ctx.publish({
    type: 'charger.meterSampled',
    chargerId: ctx.chargerId,
    evseId,
    transactionId: tx?.id ?? null,
    energyWh: tx ? meterEnergyWh(tx.meter) : null,
    readings: liveReadings(samples),
    at: Math.max(...samples.map((s) => s.timestamp)),
  })
}
