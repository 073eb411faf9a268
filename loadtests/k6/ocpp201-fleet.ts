/**
 * An OCPP 2.0.1 charging-station fleet: each VU is a station that boots, reports its EVSEs, sends
 * heartbeats, runs transactions with meter values, and answers the CSMS's calls.
 *
 *   k6 run -e BASE_URL=http://csms:8080 -e API_KEY=… -e VUS=1000 loadtests/k6/ocpp201-fleet.ts
 *
 * Thresholds: OCPP round trip p99 < 50 ms, < 1 % failed calls, > 99 % boots Accepted.
 */
import exec from 'k6/execution'
import type { Options } from 'k6/options'
import { runCharger } from './lib/charger.ts'
import { chargerId, env, ocppUrl } from './lib/env.ts'
import { behaviour, fleetOptions, registerFleet } from './lib/fleet.ts'
import { v201 } from './lib/v201.ts'

const prefix = env('PREFIX', 'K6-201-')

/** A ramping fleet (VUS, RAMP, HOLD, RAMP_DOWN) with the OCPP budgets as thresholds. */
export const options: Options = fleetOptions('TransactionEvent')

/** Registers the chargers and the token through the API when API_KEY is set. */
export function setup(): void {
  registerFleet(prefix, (vu) => chargerId(prefix, vu))
}

/** One VU is one charger, connected for SESSION_S seconds per iteration. */
export default function (): void {
  runCharger(ocppUrl(), chargerId(prefix, exec.vu.idInTest), v201, behaviour())
}
