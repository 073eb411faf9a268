/**
 * Settings of the k6 scripts, from environment variables (`k6 run -e NAME=value` or the shell).
 * Every script documents which ones it reads; see loadtests/README.md.
 */

/** A string setting, or its default. */
export function env(name: string, fallback: string): string {
  const v = __ENV[name]
  return v === undefined || v === '' ? fallback : v
}

/** A numeric setting, or its default; a value that is not a number stops the script. */
export function envNumber(name: string, fallback: number): number {
  const raw = __ENV[name]
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isFinite(n)) throw new Error(`${name}=${raw} is not a number`)
  return n
}

/** The CSMS base URL over HTTP (`BASE_URL`, default http://localhost:8080), without a trailing slash. */
export const baseUrl = (): string => env('BASE_URL', 'http://localhost:8080').replace(/\/$/, '')

/** The OCPP WebSocket endpoint (`OCPP_URL`, default BASE_URL with ws(s) and `/ocpp`). */
export const ocppUrl = (): string => env('OCPP_URL', `${baseUrl().replace(/^http/, 'ws')}/ocpp`)

/** The identity of the charger a VU plays: prefix + VU number, zero-padded. */
export const chargerId = (prefix: string, vu: number): string => `${prefix}${String(vu).padStart(6, '0')}`

/** The ramp-up, hold and ramp-down of a charger fleet as k6 stages. */
export function fleetStages(vus: number): { duration: string; target: number }[] {
  return [
    { duration: env('RAMP', '1m'), target: vus },
    { duration: env('HOLD', '5m'), target: vus },
    { duration: env('RAMP_DOWN', '30s'), target: 0 },
  ]
}
