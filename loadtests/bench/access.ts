/**
 * `npm run bench:access [-- --checks 10000 --runs 5 --quick]`: the access evaluator on one organization
 * with 1,000 chargers over 50 sites, ~200 policies (residents always, visitors 18:00–08:00, employees
 * weekdays 07:00–19:00, per-charger and per-EVSE rules) and 10,000 tokens in groups. Reports the median
 * over `runs` of the mean µs per check of `checks` random (token, charger, EVSE, minute of a week) checks,
 * the median time to compile one two-EVSE charger's local list over all 10,000 tokens, and the median
 * for a co-op-sized list (60 tokens, two EVSEs, policies compiled afresh and a new instant each time,
 * as the local-list service does after a change).
 */
import { type AccessRequest, compilePolicies, evaluateAccess } from '@src/domain/access/evaluate'
import { compileLocalList } from '@src/domain/access/local-list'
import type { AccessPlace, AccessPolicy, AccessToken } from '@src/domain/access/model'
import { policyOf } from '@src/domain/access/test-fixtures'
import { benchArgs, median, progress, report, round, rowMaker } from './bench-kit'

const BENCH = 'access'
const { out, num } = benchArgs(BENCH, { checks: { type: 'string' }, runs: { type: 'string' } })
const checks = num('checks', 10_000, 1_000)
const runs = num('runs', 5, 1)
const SITES = 50
const CHARGERS = 1_000
const TOKENS = 10_000
const T0 = Date.parse('2026-03-23T00:00:00Z')

let seed = 1
const rand = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
  return seed / 2 ** 31
}
const pick = (n: number) => Math.floor(rand() * n)

const policies: AccessPolicy[] = []
const add = (p: Partial<AccessPolicy>) =>
  policies.push(
    policyOf({
      id: `p${policies.length}`,
      name: `p${policies.length}`,
      position: policies.length,
      whereId: 'S0',
      ...p,
    }),
  )
for (let c = 0; c < 60; c++)
  add({ whereKind: 'charger', whereId: `CH${c * 16}`, whoKind: 'token', whoId: `T${c}` })
for (let c = 0; c < 20; c++)
  add({
    whereKind: 'evse',
    whereId: `CH${c * 7}`,
    whereSub: '2',
    effect: 'deny',
    whoKind: 'group',
    whoId: 'visitors',
  })
for (let s = 0; s < SITES; s++) {
  add({
    whereId: `S${s}`,
    whoKind: 'group',
    whoId: `residents-${s}`,
    priceGroup: 'resident',
    monthlyKwhBudget: '300',
  })
  add({
    whereId: `S${s}`,
    whoKind: 'group',
    whoId: 'visitors',
    windows: [{ days: [1, 2, 3, 4, 5, 6, 7], from: '18:00', to: '08:00' }],
  })
  add({
    whereId: `S${s}`,
    whoKind: 'group',
    whoId: 'employees',
    windows: [{ days: [1, 2, 3, 4, 5], from: '07:00', to: '19:00' }],
    holidays: 'exclude',
  })
}
for (let i = 0; i < 20; i++)
  add({ whereKind: 'organization', whereId: 'coop', whoKind: 'business', whoId: `B${i}`, priorityTier: 1 })
const book = compilePolicies(policies)

const tokens: AccessToken[] = Array.from({ length: TOKENS }, (_, i) => ({
  uid: `T${i}`,
  status: 'Accepted',
  expiresAt: null,
  parentUid: null,
  allowConcurrentTx: false,
  driverId: `D${i}`,
  householdId: `H${i % 3000}`,
  businessAccountId: i % 10 === 0 ? `B${i % 20}` : null,
  groupIds: new Set([i % 3 === 0 ? `residents-${i % SITES}` : i % 3 === 1 ? 'visitors' : 'employees']),
}))
const site = {
  timeZone: 'Europe/Stockholm',
  holidays: ['2026-04-03', '2026-04-06', '2026-05-01'],
  accessDefault: 'deny' as const,
}
const usageWh = new Map(
  Array.from({ length: 3000 }, (_, i) => [`group:residents-${i % SITES}`, i * 100] as const),
)

const requests: AccessRequest[] = Array.from({ length: checks }, () => {
  const charger = pick(CHARGERS)
  return {
    token: tokens[pick(TOKENS)],
    site,
    book,
    usageWh,
    busyElsewhere: false,
    now: T0 + pick(7 * 1440) * 60_000,
    place: {
      organizationChain: ['coop', 'platform'],
      siteId: `S${charger % SITES}`,
      circuitChain: ['main'],
      chargerId: `CH${charger}`,
      evseId: 1 + pick(2),
    },
  }
})

const perCheckUs: number[] = []
let allowed = 0
for (let r = 0; r < runs; r++) {
  const started = performance.now()
  for (const req of requests) if (evaluateAccess(req).allowed) allowed++
  perCheckUs.push(((performance.now() - started) * 1000) / checks)
  progress(`run ${r + 1}: ${round(perCheckUs.at(-1)!, 3)} µs/check`)
}
const evses: AccessPlace[] = [1, 2].map((evseId) => ({
  organizationChain: ['coop', 'platform'],
  siteId: 'S0',
  circuitChain: ['main'],
  chargerId: 'CH0',
  evseId,
}))
const listMs: number[] = []
let listSize = 0
for (let r = 0; r < runs; r++) {
  const started = performance.now()
  const list = compileLocalList({
    tokens,
    evses,
    site,
    book,
    usageWh,
    now: T0 + 19 * 3_600_000,
    maxEntries: null,
    offlineAcceptsUnknown: true,
  })
  listMs.push(performance.now() - started)
  listSize = list.entries.length
}
const coopMs: number[] = []
for (let r = 0; r < runs * 20; r++) {
  const started = performance.now()
  compileLocalList({
    tokens: tokens.slice(0, 60),
    evses,
    site,
    book: compilePolicies(policies),
    usageWh,
    now: T0 + r * 7 * 60_000 + 19 * 3_600_000,
    maxEntries: null,
    offlineAcceptsUnknown: true,
  })
  coopMs.push(performance.now() - started)
}
const row = rowMaker(BENCH, {
  chargers: CHARGERS,
  sites: SITES,
  policies: policies.length,
  tokens: TOKENS,
  checks,
  runs,
})
report('Access decisions', out, [
  row('check_median', round(median(perCheckUs), 3), 'µs'),
  row('allowed_share', round(allowed / (checks * runs), 3), 'ratio'),
  row('local_list_compile_median', round(median(listMs), 1), 'ms', { entries: listSize }),
  row('local_list_60_tokens_median', round(median(coopMs), 3), 'ms', { tokens: 60, evses: 2 }),
])
