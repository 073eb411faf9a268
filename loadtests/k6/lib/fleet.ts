import http from 'k6/http'
import type { Options } from 'k6/options'
import type { Behaviour } from './charger.ts'
import { baseUrl, env, envNumber, fleetStages } from './env.ts'
import { ocppThresholds } from './metrics.ts'

/**
 * The charger behaviour from the environment: CONNECTORS (1), HEARTBEAT_S (60), METER_S (10),
 * METERS_PER_TX (14), IDLE_PERIODS (4), ID_TAG (K6-TOKEN), SESSION_S (how long a VU keeps its
 * connection, default the whole test: 3600), CHARGER_PASSWORD (HTTP Basic, optional).
 */
export function behaviour(): Behaviour {
  return {
    connectors: envNumber('CONNECTORS', 1),
    heartbeatS: envNumber('HEARTBEAT_S', 60),
    meterS: envNumber('METER_S', 10),
    metersPerTx: envNumber('METERS_PER_TX', 14),
    idlePeriods: envNumber('IDLE_PERIODS', 4),
    idTag: env('ID_TAG', 'K6-TOKEN'),
    sessionS: envNumber('SESSION_S', 3600),
    password: __ENV.CHARGER_PASSWORD || undefined,
  }
}

/** A ramping fleet of VUS chargers (RAMP, HOLD, RAMP_DOWN) with the OCPP budgets as thresholds. */
export function fleetOptions(meterAction: 'MeterValues' | 'TransactionEvent'): Options {
  const vus = envNumber('VUS', 100)
  return {
    scenarios: {
      chargers: { executor: 'ramping-vus', startVUs: 0, stages: fleetStages(vus), gracefulRampDown: '30s' },
    },
    thresholds: ocppThresholds(meterAction),
    setupTimeout: '10m',
  }
}

/**
 * With API_KEY set, registers the fleet's chargers (`PREFIX` + VU number) and its token through the
 * REST API before the test, so it runs against a CSMS that rejects unknown chargers. Without it, start
 * the CSMS with CSMS_UNKNOWN_CHARGERS=accept and register the token yourself.
 */
export function registerFleet(prefix: string, idOf: (vu: number) => string): void {
  const key = __ENV.API_KEY
  if (!key) return
  const params = { headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' } }
  const api = `${baseUrl()}/api/v1`
  const token = JSON.stringify({ type: 'ISO14443', status: 'Accepted', allowConcurrentTx: true })
  http.put(`${api}/tokens/${env('ID_TAG', 'K6-TOKEN')}`, token, params)
  const vus = envNumber('VUS', 100)
  for (let from = 1; from <= vus; from += 100) {
    const batch = []
    for (let vu = from; vu < Math.min(from + 100, vus + 1); vu++)
      batch.push({
        method: 'PUT',
        url: `${api}/chargers/${idOf(vu)}`,
        body: JSON.stringify({ label: `k6 ${prefix} ${vu}` }),
        params,
      })
    http.batch(batch)
  }
}
