/**
 * The admin pages under load, signed in as an operator: the chargers list (first page, a deep page, a
 * search) and a charger's page.
 *
 *   k6 run -e BASE_URL=http://csms:8080 -e ADMIN_EMAIL=… -e ADMIN_PASSWORD=… -e VUS=5 loadtests/k6/admin.ts
 *
 * CHARGER_PREFIX/CHARGERS name chargers whose pages to open (default the fleet scripts' K6-201-…).
 * Thresholds: p95 < 50 ms per page, < 1 % failed requests.
 */
import { check, fail } from 'k6'
import http from 'k6/http'
import type { Options } from 'k6/options'
import { baseUrl, chargerId, env, envNumber } from './lib/env.ts'

const pages = ['chargers list', 'chargers list page', 'chargers search', 'charger page'] as const

/** VUS operators for DURATION; p95 < 50 ms per page. */
export const options: Options = {
  scenarios: {
    operators: { executor: 'constant-vus', vus: envNumber('VUS', 5), duration: env('DURATION', '2m') },
  },
  thresholds: {
    http_req_failed: ['rate<0.01'],
    checks: ['rate>0.99'],
    ...Object.fromEntries(pages.map((name) => [`http_req_duration{name:${name}}`, ['p(95)<50']])),
  },
}

const base = baseUrl()
const prefix = env('CHARGER_PREFIX', 'K6-201-')
const chargers = envNumber('CHARGERS', 100)

/** Signs in once (like the login form) and hands the session cookie to every VU. */
export function setup(): { session: string } {
  const res = http.post(
    `${base}/admin/login`,
    {
      email: env('ADMIN_EMAIL', 'admin@localhost.localdomain'),
      password: env('ADMIN_PASSWORD', ''),
      next: '/admin/chargers',
    },
    { redirects: 0, headers: { origin: base }, tags: { name: 'sign in' } },
  )
  const session = res.cookies.csms_session?.[0]?.value
  if (res.status !== 303 || !session) fail(`sign-in failed: HTTP ${res.status}`)
  return { session }
}

/** One round: the list, a page of it, a search, and a random charger's page. */
export default function (data: { session: string }): void {
  const params = (name: string) => ({ cookies: { csms_session: data.session }, redirects: 0, tags: { name } })
  const id = chargerId(prefix, 1 + Math.floor(Math.random() * chargers))
  const list = http.get(`${base}/admin/chargers`, params('chargers list'))
  check(list, { 'chargers list 200': (r) => r.status === 200 && String(r.body).includes(prefix) })
  const offset = 50 * Math.floor((Math.random() * chargers) / 50)
  check(http.get(`${base}/admin/chargers?offset=${offset}`, params('chargers list page')), {
    'page 200': (r) => r.status === 200,
  })
  check(http.get(`${base}/admin/chargers?search=${id.slice(0, -2)}`, params('chargers search')), {
    'search 200': (r) => r.status === 200,
  })
  check(http.get(`${base}/admin/chargers/${id}`, params('charger page')), {
    'charger page 200': (r) => r.status === 200 && String(r.body).includes(id),
  })
}
