/**
 * The REST API under load, with the bearer key: the chargers list, one charger, running transactions.
 *
 *   k6 run -e BASE_URL=http://csms:8080 -e API_KEY=… -e VUS=10 -e CHARGERS=10000 loadtests/k6/api.ts
 *
 * CHARGER_PREFIX/CHARGERS name the registered chargers to ask for (default K6-201-000001 … by VUS of
 * the fleet scripts). Thresholds: p95 < 50 ms per endpoint, < 1 % failed requests.
 */
import { check } from 'k6'
import http from 'k6/http'
import type { Options } from 'k6/options'
import { baseUrl, chargerId, env, envNumber } from './lib/env.ts'

const endpoints = ['chargers list', 'charger', 'open transactions'] as const

/** VUS clients for DURATION; p95 < 50 ms per endpoint. */
export const options: Options = {
  scenarios: {
    api: { executor: 'constant-vus', vus: envNumber('VUS', 10), duration: env('DURATION', '2m') },
  },
  thresholds: {
    http_req_failed: ['rate<0.01'],
    checks: ['rate>0.99'],
    ...Object.fromEntries(endpoints.map((name) => [`http_req_duration{name:${name}}`, ['p(95)<50']])),
  },
}

const api = `${baseUrl()}/api/v1`
const key = env('API_KEY', '')
const prefix = env('CHARGER_PREFIX', 'K6-201-')
const chargers = envNumber('CHARGERS', 100)

/** One round: the chargers list, a random charger, the running transactions. */
export default function (): void {
  const headers = { authorization: `Bearer ${key}` }
  const id = chargerId(prefix, 1 + Math.floor(Math.random() * chargers))
  const list = http.get(`${api}/chargers?limit=50`, { headers, tags: { name: 'chargers list' } })
  check(list, { 'chargers list 200': (r) => r.status === 200 })
  const one = http.get(`${api}/chargers/${id}`, { headers, tags: { name: 'charger' } })
  check(one, { 'charger 200': (r) => r.status === 200 })
  const open = http.get(`${api}/transactions?active=true`, { headers, tags: { name: 'open transactions' } })
  check(open, { 'transactions 200': (r) => r.status === 200 })
}
