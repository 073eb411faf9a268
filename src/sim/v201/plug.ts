import type { Ev } from '../ev'
import type { SimConnector } from '../sim-connector'
import type { PlugInOptions } from '../sim-flow'
import { iso } from '../sim-station'
import { plugIn } from '../sim-transactions'
import type { Sim201 } from './station'
import { beginAtPlugIn, end201 } from './transactions'

/** The car plugs in: Occupied; a car that knows its plans tells them (NotifyEVChargingNeeds). */
export function plugIn201(
  s: Sim201,
  c: SimConnector,
  ev: Ev,
  opts: PlugInOptions,
  byRemoteStart = false,
): boolean {
  if (!plugIn(s.st, c, ev, byRemoteStart)) return false
  if (opts.energyNeededWh !== undefined) void notifyNeeds(s, c, ev, opts.energyNeededWh, opts.departureAt)
  beginAtPlugIn(s, c)
  return true
}

async function notifyNeeds(s: Sim201, c: SimConnector, ev: Ev, energyWh: number, departureAt?: number) {
  const threePhase = ev.phases === 3 && c.hw.phases === 3
  const res = await s.st.link.send('NotifyEVChargingNeeds', {
    evseId: c.id,
    chargingNeeds: {
      requestedEnergyTransfer: threePhase ? 'AC_three_phase' : 'AC_single_phase',
      ...(departureAt === undefined ? {} : { departureTime: iso(departureAt) }),
      acChargingParameters: {
        energyAmount: Math.max(0, Math.round(energyWh)),
        evMinCurrent: 6,
        evMaxCurrent: Math.round(ev.maxCurrentA),
        evMaxVoltage: Math.round(c.hw.voltage),
      },
    },
  })
  const status = res.ok ? res.payload.status : res.error
  s.st.emit({ type: 'needsNotified', chargerId: s.st.id, connectorId: c.id, status })
}

/** The car leaves: a running transaction ends (EVDisconnected), then the EVSE is Available. */
export async function unplug201(s: Sim201, c: SimConnector): Promise<void> {
  if (c.tx) await end201(s, c, 'EVDisconnected', 'EVCommunicationLost')
  c.ev = undefined
  c.finished = false
  s.st.reportStatus(c)
}
