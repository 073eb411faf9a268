import type { ActorRef } from '@actors/runtime/types'
import type { ChargerEvent } from '@src/domain/charger/events'
import { connectorKey } from '@src/domain/site/model'
import { noteRefusal } from './declined'
import { forget, reconnected } from './delivery'
import type { SiteDeps } from './deps'
import { loadSession } from './loading'
import type { SiteMsg } from './protocol'
import { sendFallback } from './sending'
import { applyReadings, NEEDS_BEFORE_START_MS, type SiteSession } from './sessions'
import { type SiteState, takeBuilding } from './state'

/**
 * Applies a charger's domain event to the site's state; true when the loop should re-plan at once.
 * A connection or reboot gets the charger its fail-safe default and fresh setpoints.
 */
export async function onChargerEvent(
  deps: SiteDeps,
  state: SiteState,
  e: ChargerEvent,
  self: ActorRef<SiteMsg>,
): Promise<boolean> {
  if (isBuildingMeter(state, e)) return takeBuildingReading(state, e)
  switch (e.type) {
    case 'charger.connected':
    case 'charger.booted':
      state.online.add(e.chargerId)
      for (const s of state.sessions.values())
        if (s.chargerId === e.chargerId) reconnected(state.delivery, s.key)
      if (state.lease) sendFallback(deps, state, e.chargerId)
      return true
    case 'charger.disconnected':
      state.online.delete(e.chargerId)
      return true
    case 'charger.transactionStarted': {
      const key = connectorKey(e.chargerId, e.evseId)
      if (!state.members.has(key)) return false
      const session = await loadSession(deps, key, e.transactionId)
      const needs = state.pendingNeeds.get(key)
      state.pendingNeeds.delete(key)
      if (!session) return true
      if (needs && needs.at >= session.startedAt - NEEDS_BEFORE_START_MS) applyNeeds(session, needs)
      state.sessions.set(key, session)
      return true
    }
    case 'charger.chargingNeeds': {
      const key = connectorKey(e.chargerId, e.evseId)
      if (state.sessions.has(key) || !state.members.has(key)) return sessionEvent(state, e, self)
      state.pendingNeeds.set(key, e)
      return false
    }
    case 'charger.transactionEnded':
      return endSession(state, connectorKey(e.chargerId, e.evseId), e.transactionId)
    default:
      return sessionEvent(state, e, self)
  }
}

function endSession(state: SiteState, key: string, transactionId: number): boolean {
  state.pendingNeeds.delete(key)
  if (state.sessions.get(key)?.transactionId !== transactionId) return false
  state.sessions.delete(key)
  state.sessionProblems.delete(key)
  forget(state.delivery, key)
  return true
}

function sessionEvent(state: SiteState, e: ChargerEvent, _self: ActorRef<SiteMsg>): boolean {
  if (!('evseId' in e)) return false
  const s = state.sessions.get(connectorKey(e.chargerId, e.evseId))
  if (!s) return false
  const confirmed = state.delivery.confirmed.get(s.key)
  if (e.type === 'charger.meterSampled' && e.transactionId === s.transactionId) {
    applyReadings(s, e.readings, e.energyWh, e.at)
    noteRefusal(s, confirmed, e.at)
    return true
  }
  if (e.type === 'charger.transactionUpdated' && e.transactionId === s.transactionId) {
    s.chargingState = e.chargingState
    noteRefusal(s, confirmed, e.at)
    return true
  }
  if (e.type === 'charger.chargingNeeds') {
    applyNeeds(s, e)
    return true
  }
  return false
}

type ChargingNeeds = Extract<ChargerEvent, { type: 'charger.chargingNeeds' }>

/** What the car says it needs: its current range always, its departure and energy unless the driver set them. */
function applyNeeds(s: SiteSession, e: ChargingNeeds): void {
  s.declined = null
  if (e.minCurrentA !== null) s.evMinA = e.minCurrentA
  if (e.maxCurrentA !== null) s.evMaxA = e.maxCurrentA
  if (s.departureSource === 'driver') return
  if (e.departureAt !== null) {
    s.departureAt = e.departureAt
    s.departureSource = 'ev'
  }
  if (e.energyWh !== null) s.energyNeedWh = s.energyWh + e.energyWh
}

function isBuildingMeter(state: SiteState, e: ChargerEvent): boolean {
  const { site } = state.config
  return (
    site.buildingMeter === 'ocpp' &&
    e.chargerId === site.buildingMeterChargerId &&
    e.type === 'charger.meterSampled'
  )
}

/** An OCPP meter device reports the building's current per phase on EVSE 0. */
function takeBuildingReading(state: SiteState, e: ChargerEvent): boolean {
  if (e.type !== 'charger.meterSampled' || e.evseId !== 0 || !e.readings.currentA) return false
  const c = e.readings.currentA
  takeBuilding(state, [c.L1 ?? 0, c.L2 ?? 0, c.L3 ?? 0], e.at)
  return true
}
