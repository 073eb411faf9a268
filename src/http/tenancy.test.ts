import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { subjects } from '@src/bus/subjects'
import {
  accessPolicies,
  accessRefusals,
  accountLinks,
  apiKeys,
  billingProfiles,
  billingRuns,
  businessAccounts,
  buyerDetails,
  cdrs,
  chargers,
  costCentres,
  drivers,
  groupMembers,
  groups,
  households,
  invoicePayments,
  invoiceReminders,
  invoices,
  memberships,
  operators,
  organizations,
  priceGroups,
  priceSeries,
  priceSlots,
  roles,
  siteCircuits,
  siteConnectors,
  sites,
  tariffs,
  tariffVersions,
  tokens,
  transactions,
} from '@src/db/schema'
import { PERMISSIONS } from '@src/domain/tenancy/permissions'
import { sha256Hex } from '@src/lib/ids'
import { testCdr, testProfile } from '@src/testing/billing-fixtures'
import { startTestNode, type TestNode } from '@src/testing/node'
import { startedTransaction } from '@src/testing/transactions'
import { eq, sql } from 'drizzle-orm'
import { ROUTE_ACCESS } from './route-access'

/**
 * The tenant isolation proof: two property owners (a co-op and an office) on one platform, each with a
 * site, a circuit, a charger on the site, a token, a transaction, an org-admin account and an org API
 * key. Every route of the app that needs a permission is requested by each tenant with the other's
 * ids in every path parameter, through the API (its key) and the admin and live streams (its
 * session). The walk is generated from `node.app.routes` and `ROUTE_ACCESS`, so a new route is in it
 * the day it is added.
 */

interface Tenant {
  org: string
  site: string
  siteName: string
  circuit: string
  charger: string
  chargerLabel: string
  token: string
  tokenLabel: string
  tx: number
  email: string
  key: string
  cookie: string
  // people: one of each per tenant
  driver: string
  household: string
  business: string
  group: string
  // accounts: the admin's account id, an open invitation and a custom role per tenant
  account: number
  invite: string
  role: string
  tariff: string
  cdr: string
  // policies: one per tenant
  policy: string
  // billing API: a billing run of a past month and the invoice it issued the tenant's driver
  run: string
  invoice: string
  invoiceNumber: string
  // price series: one per tenant, with a slot
  series: string
}

const PLATFORM_KEY = 'test-api-key-0123456789'
/** billing API: the month each tenant's driver was invoiced for, by a run in the seed. */
const BILLED_MONTH = '2025-11'
/** A valid tariff body (tariffs). */
const TAKEN_OVER_TARIFF = {
  currency: 'SEK',
  elements: [{ price_components: [{ type: 'ENERGY', price: '2.40', vat: 25, step_size: 1 }] }],
}
const PASSWORD = 'tenant-password'
let node: TestNode
const tenants: Record<'coop' | 'office', Tenant> = {
  coop: blank('coop', 'COOP'),
  office: blank('office', 'OFFICE'),
}
let boardCookie = ''
let supportCookie = ''
/** Commands that reached a charger's subject, by charger id. */
const commandsTo = new Map<string, number>()

function blank(org: string, upper: string): Tenant {
  return {
    org,
    site: `${org}-site`,
    siteName: `${upper} garage name`,
    circuit: `${org}-c1`,
    charger: `${upper}-CP`,
    chargerLabel: `${upper} charger label`,
    token: `${upper}-TAG`,
    tokenLabel: `${upper} tag label`,
    tx: 0,
    email: `admin@${org}.example`,
    key: `csms_${org}key_${'s'.repeat(32)}`,
    cookie: '',
    driver: '',
    household: '',
    business: '',
    group: '',
    account: 0,
    invite: '',
    role: '',
    tariff: '',
    cdr: '',
    policy: '',
    run: '',
    invoice: '',
    invoiceNumber: '',
    series: '',
  }
}

async function api(key: string, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = { authorization: `Bearer ${key}` }
  if (body !== undefined) headers['content-type'] = 'application/json'
  return node.app.handle(
    new Request(`http://localhost${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  )
}

async function admin(cookie: string, method: string, path: string, fields?: Record<string, string>) {
  const headers: Record<string, string> = { cookie, origin: 'http://localhost', 'hx-request': 'true' }
  if (fields) headers['content-type'] = 'application/x-www-form-urlencoded'
  return node.app.handle(
    new Request(`http://localhost${path}`, {
      method,
      headers,
      body: fields ? new URLSearchParams(fields).toString() : undefined,
      redirect: 'manual',
    }),
  )
}

async function signIn(email: string): Promise<string> {
  const res = await node.app.handle(
    new Request('http://localhost/admin/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
      body: new URLSearchParams({ email, password: PASSWORD }).toString(),
      redirect: 'manual',
    }),
  )
  const cookie = res.headers.get('set-cookie')?.split(';')[0]
  if (!cookie) throw new Error(`sign-in of ${email} failed: ${res.status}`)
  return cookie
}

/** A live stream's first part: what it sends at once, read for a bounded while, then closed. */
async function firstOfStream(res: Response): Promise<string> {
  const reader = res.body?.getReader()
  if (!reader) return await res.text()
  let text = ''
  const until = Date.now() + 400
  while (Date.now() < until) {
    const chunk = await Promise.race([
      reader.read(),
      new Promise<undefined>((r) => setTimeout(r, Math.max(1, until - Date.now()))),
    ])
    if (!chunk || chunk.done) break
    text += new TextDecoder().decode(chunk.value)
  }
  await reader.cancel()
  return text
}

/** Everything the victim owns, as stored: it must be the same after the other tenant's every request. */
async function stateOf(t: Tenant): Promise<string> {
  const db = node.deps.database.db
  const [s, c, k, tk, tx, circ] = await Promise.all([
    db.select().from(sites).where(eq(sites.organizationId, t.org)),
    db.select().from(chargers).where(eq(chargers.organizationId, t.org)),
    db.select().from(siteConnectors).where(eq(siteConnectors.siteId, t.site)),
    db.select().from(tokens).where(eq(tokens.organizationId, t.org)),
    db.select().from(transactions).where(eq(transactions.organizationId, t.org)),
    db.select().from(siteCircuits).where(eq(siteCircuits.siteId, t.site)),
  ])
  const orgs = await db.select().from(organizations).where(eq(organizations.parentId, t.org))
  const own = await db.select().from(organizations).where(eq(organizations.id, t.org))
  const keys = (await db.select().from(apiKeys).where(eq(apiKeys.organizationId, t.org))).map(
    ({ lastUsedAt: _u, ...k }) => k,
  )
  // people
  const people = await Promise.all([
    db.select().from(drivers).where(eq(drivers.organizationId, t.org)),
    db.select().from(households).where(eq(households.organizationId, t.org)),
    db.select().from(businessAccounts).where(eq(businessAccounts.organizationId, t.org)),
    db.select().from(groups).where(eq(groups.organizationId, t.org)),
    db.select().from(groupMembers).where(eq(groupMembers.groupId, t.group)),
    // people admin pages: the cost centres a business account's page adds and removes
    db.select().from(costCentres).where(eq(costCentres.businessAccountId, t.business)),
  ])
  // accounts: invitations and reset links, custom roles, memberships and the accounts that hold them
  const accounts = await Promise.all([
    db.select().from(accountLinks).where(eq(accountLinks.organizationId, t.org)),
    db.select().from(roles).where(eq(roles.organizationId, t.org)),
    db.select().from(memberships).where(eq(memberships.organizationId, t.org)),
    db
      .select({ id: operators.id, hash: operators.passwordHash, disabledAt: operators.disabledAt })
      .from(operators)
      .where(eq(operators.id, t.account)),
  ])
  // policies
  const policies = (
    await db.select().from(accessPolicies).where(eq(accessPolicies.organizationId, t.org))
  ).map(({ updatedAt: _u, ...p }) => p)
  const stable = c.map(({ lastSeenAt: _a, updatedAt: _b, online: _c, nodeId: _d, ...rest }) => rest)
  // Local lists: what the victim's charger was sent (read by column: see src/db/repos/local-lists.ts).
  const lists = await db.all(
    sql`SELECT version, wanted_hash, sent_hash, sent_at, last_status FROM local_lists WHERE charger_id = ${t.charger}`,
  )
  // tariffs
  const priced = await Promise.all([
    db.select().from(tariffs).where(eq(tariffs.organizationId, t.org)),
    db.select().from(tariffVersions).where(eq(tariffVersions.tariffId, t.tariff)),
    db.select().from(priceGroups).where(eq(priceGroups.organizationId, t.org)),
    db.select().from(cdrs).where(eq(cdrs.organizationId, t.org)),
    // price series: the series and its slots
    db.select().from(priceSeries).where(eq(priceSeries.organizationId, t.org)),
    db.select().from(priceSlots).where(eq(priceSlots.seriesId, t.series)),
  ])
  // caps: the refusals recorded at the victim's charger
  const refused = await db.select().from(accessRefusals).where(eq(accessRefusals.organizationId, t.org))
  // billing API: the seller's profile, runs, invoices, their payments and reminders, its buyers' details
  const billed = await Promise.all([
    db.select().from(billingProfiles).where(eq(billingProfiles.organizationId, t.org)),
    db.select().from(billingRuns).where(eq(billingRuns.organizationId, t.org)),
    db.select().from(invoices).where(eq(invoices.organizationId, t.org)),
    db.select().from(invoicePayments).where(eq(invoicePayments.invoiceId, t.invoice)),
    db.select().from(invoiceReminders).where(eq(invoiceReminders.invoiceId, t.invoice)),
    db.select().from(buyerDetails).where(eq(buyerDetails.organizationId, t.org)),
  ])
  return JSON.stringify({
    s,
    c: stable,
    k,
    tk,
    tx,
    circ,
    orgs,
    own,
    keys,
    lists,
    people,
    accounts,
    priced,
    refused,
    policies,
    billed,
  })
}

/** A request path with the victim's ids in every parameter. */
function pathFor(route: string, v: Tenant): string {
  const under = (p: string) => route.includes(`/${p}/:id`)
  // billing admin: a buyer's invoicing details, the victim's driver
  const buyer = route.includes('/buyers/:kind/:id')
  return route.replace(/:(\w+)/g, (_, name: string) => {
    if (buyer) return name === 'kind' ? 'driver' : v.driver
    if (name === 'id') {
      if (under('chargers')) return encodeURIComponent(v.charger)
      if (under('transactions')) return String(v.tx)
      if (under('organizations')) return v.org
      if (under('api-keys')) return `${v.org}key`
      // people
      if (under('drivers')) return v.driver
      if (under('households')) return v.household
      if (under('business-accounts')) return v.business
      if (under('groups')) return v.group
      // accounts
      if (under('invites')) return v.invite
      if (under('roles')) return v.role
      if (under('accounts')) return String(v.account)
      // price series
      if (under('price-series')) return v.series
      // tariffs
      if (under('tariffs')) return v.tariff
      if (under('cdrs')) return v.cdr
      // policies
      if (under('policies')) return v.policy
      // billing API
      if (under('invoices')) return v.invoice
      if (under('billing-runs')) return v.run
      if (route.includes('/buyer-details/')) return v.driver
      return encodeURIComponent(v.site)
    }
    if (name === 'uid') return encodeURIComponent(v.token)
    if (name === 'transactionId') return String(v.tx)
    if (name === 'circuitId') return v.circuit
    if (name === 'chargerId') return encodeURIComponent(v.charger)
    if (name === 'evseId') return '1'
    if (name === 'kind') return route.includes('/buyer-details/') ? 'driver' : 'token'
    if (name === 'memberId') return encodeURIComponent(v.token)
    // accounts
    if (name === 'organizationId') return v.org
    // tariffs
    if (name === 'version') return '1'
    if (name === 'name') return `${v.org}-residents`
    // people admin pages: the seeded cost centre of the victim's business account
    if (name === 'code') return 'CC1'
    throw new Error(`no victim value for :${name} in ${route}: add one`)
  })
}

/** A valid body for each write, naming the victim where it names anything, so only the scope can refuse it. */
function bodyFor(key: string, v: Tenant): Record<string, unknown> {
  const site = { name: 'Taken over', mainFuseA: 63 }
  const api: Record<string, Record<string, unknown>> = {
    'PUT /api/v1/chargers/:id': { label: 'taken over' },
    'PUT /api/v1/chargers/:id/password': { password: 'a-long-password-1' },
    'POST /api/v1/chargers/:id/commands': { type: 'reset', kind: 'Soft' },
    'PUT /api/v1/tokens/:uid': { type: 'ISO14443', status: 'Blocked' },
    'PUT /api/v1/transactions/:id/departure': { departureAt: new Date(Date.now() + 3600_000).toISOString() },
    'PUT /api/v1/sites/:id': site,
    'PUT /api/v1/sites/:id/circuits/:circuitId': { name: 'x', limitA: 10 },
    'PUT /api/v1/sites/:id/connectors/:chargerId/:evseId': { maxA: 16, wiring: 'L1,L2,L3' },
    // energy margin
    'PUT /api/v1/sites/:id/grid-tariff': {
      currency: 'SEK',
      energy: { kind: 'fixed', pricePerKwh: '1.00' },
      energyFeePerKwh: '0.25',
      effectFeePerKw: '50',
    },
    'POST /api/v1/sites/:id/building-meter': { currentA: [1, 1, 1] },
    'POST /api/v1/organizations': { id: `${v.org}-sub`, name: 'x', parentId: v.org },
    'PATCH /api/v1/organizations/:id': { name: 'taken over' },
    'POST /api/v1/api-keys': { name: 'x', permissions: ['tokens:read'], organizationId: v.org },
    // people
    'POST /api/v1/drivers': { name: 'Taken over', householdId: v.household, organizationId: v.org },
    'PUT /api/v1/drivers/:id': { name: 'Taken over' },
    'POST /api/v1/households': { apartment: '9999', organizationId: v.org },
    'PUT /api/v1/households/:id': { apartment: '9999' },
    'POST /api/v1/business-accounts': { name: 'Taken over', organizationId: v.org },
    'PUT /api/v1/business-accounts/:id': { name: 'Taken over' },
    'POST /api/v1/groups': { name: 'Taken over', kind: 'custom', organizationId: v.org },
    'PUT /api/v1/groups/:id': { name: 'Taken over', kind: 'custom' },
    'POST /api/v1/groups/:id/members': { kind: 'driver', id: v.driver },
    // accounts
    'POST /api/v1/invites': { email: `taken@${v.org}.example`, roleId: 'board', organizationId: v.org },
    'POST /api/v1/roles': { name: 'Taken over', permissions: ['sites:read'], organizationId: v.org },
    'PUT /api/v1/roles/:id': { name: 'Taken over', permissions: ['sites:read'] },
    'PUT /api/v1/accounts/:id/memberships/:organizationId': { roleId: 'board' },
    // tariffs
    'POST /api/v1/tariffs': { name: 'Taken over', organizationId: v.org, tariff: TAKEN_OVER_TARIFF },
    'PUT /api/v1/tariffs/:id': { name: 'Taken over', tariff: TAKEN_OVER_TARIFF },
    'POST /api/v1/tariffs/:id/preview': {
      start: '2026-12-07T18:00:00+01:00',
      parts: [{ minutes: 60, kwh: 10 }],
    },
    'PUT /api/v1/price-groups/:name': { tariffId: v.tariff },
    // price series: a new one in the victim's organization, slots into the victim's
    'POST /api/v1/price-series': {
      name: 'Taken over',
      currency: 'SEK',
      slotMinutes: 60,
      zone: 'SE3',
      organizationId: v.org,
    },
    'PUT /api/v1/price-series/:id/slots': {
      slots: [{ from: '2026-12-08T00:00:00+01:00', to: '2026-12-08T01:00:00+01:00', price_per_kwh: '9.99' }],
    },
    // policies: the victim's own ids everywhere, so only the scope can refuse
    'POST /api/v1/policies': policyBody(v),
    'PUT /api/v1/policies/:id': policyBody(v),
    'POST /api/v1/policies/:id/move': { position: 1 },
    'POST /api/v1/access/check': { chargerId: v.charger, evseId: 1, uid: v.token },
    // billing API: the victim as the seller, its invoice, its driver
    'POST /api/v1/billing-runs': { month: BILLED_MONTH, organizationId: v.org },
    'PUT /api/v1/billing-profile': { ...testProfile(), organizationId: v.org },
    'POST /api/v1/invoices/:id/payments': { date: '2026-01-10', amount: '1.00' },
    'PUT /api/v1/buyer-details/:kind/:id': { addressLines: ['Taken over 1'], country: 'SE' },
  }
  const forms: Record<string, Record<string, string>> = {
    'POST /admin/chargers': { id: v.charger, label: 'taken over', password: '' },
    'POST /admin/chargers/:id/settings': { label: 'taken over', registration: 'Rejected', password: '' },
    'POST /admin/chargers/:id/commands': { type: 'reset', kind: 'Soft' },
    // Local lists: "Send now" names nothing but the charger.
    'POST /admin/chargers/:id/local-list': {},
    'POST /admin/tokens': { uid: v.token, type: 'ISO14443', status: 'Blocked', label: 'x' },
    'POST /admin/sites': { id: v.site, name: 'Taken over', mainFuseA: '63', phases: '3', voltageV: '230' },
    'POST /admin/sites/:id/settings': { name: 'Taken over', mainFuseA: '63', phases: '3', voltageV: '230' },
    'POST /admin/organizations': { id: `${v.org}-sub2`, name: 'x', parentId: v.org },
    'POST /admin/api-keys': { name: 'x', permissions: 'tokens:read', organizationId: v.org },
    'POST /admin/sites/:id/circuits': { circuitId: 'x1', name: 'x', parentId: '', limitA: '10' },
    // policies: the admin form names the victim's organization, group and site
    'POST /admin/policies': policyForm(v),
    'POST /admin/policies/:id': policyForm(v),
    'POST /admin/policies/:id/move': { direction: 'up' },
    'POST /admin/sites/:id/connectors': {
      chargerId: v.charger,
      evseId: '1',
      circuitId: '',
      maxA: '16',
      wiring: 'L1,L2,L3',
    },
    // accounts
    'POST /admin/invites': { email: `taken@${v.org}.example`, organizationId: v.org, roleId: 'board' },
    'POST /admin/roles': { organizationId: v.org, name: 'Taken over', 'p:sites:read': 'on' },
    'POST /admin/roles/:id': { name: 'Taken over', 'p:sites:read': 'on' },
    'POST /admin/accounts/:id/memberships/:organizationId': { roleId: 'board' },
    // people admin pages
    'POST /admin/drivers': { name: 'Taken over', householdId: v.household, organizationId: v.org },
    'POST /admin/drivers/:id': { name: 'Taken over' },
    'POST /admin/drivers/:id/tokens': { uid: 'STOLEN-CARD', type: 'ISO14443' },
    'POST /admin/households': { apartment: '9999', organizationId: v.org },
    'POST /admin/households/:id': { apartment: '9999' },
    'POST /admin/households/:id/tokens': { uid: 'STOLEN-CARD', type: 'ISO14443' },
    'POST /admin/business-accounts': { name: 'Taken over', organizationId: v.org },
    'POST /admin/business-accounts/:id': { name: 'Taken over' },
    'POST /admin/business-accounts/:id/cost-centres': { code: 'X1', name: 'x' },
    'POST /admin/business-accounts/:id/tokens': { uid: 'STOLEN-CARD', type: 'ISO14443' },
    'POST /admin/groups': { name: 'Taken over', kind: 'custom', organizationId: v.org },
    'POST /admin/groups/:id': { name: 'Taken over', kind: 'custom' },
    'POST /admin/groups/:id/members': { kind: 'driver', id: v.driver },
    'POST /admin/tokens/:uid': { type: 'ISO14443', status: 'Blocked', label: 'x' },
    // tariff-admin: the editor's form naming the victim's organization (new) or its tariff (version)
    'POST /admin/tariffs': tariffForm(v),
    'POST /admin/tariffs/:id': tariffForm(v),
    // price series: a new one in the victim's organization, a CSV into the victim's series
    'POST /admin/price-series': {
      name: 'Taken over',
      currency: 'SEK',
      slotMinutes: '60',
      zone: 'SE3',
      organizationId: v.org,
    },
    'POST /admin/price-series/:id/import': {
      step: 'import',
      unit: 'kWh',
      text: 'start,end,price\n2026-12-08T00:00+01:00,2026-12-08T01:00+01:00,9.99',
    },
    // billing admin: the profile and a run naming the victim's organization, actions on its invoice
    'POST /admin/billing/profile': {
      organizationId: v.org,
      legalName: 'Taken over',
      addressLines: 'x',
      country: 'SE',
      bankgiro: '123-4567',
      paymentTermsDays: '30',
      invoicePrefix: 'X-',
      language: 'sv',
      currency: 'SEK',
      timeZone: 'Europe/Stockholm',
    },
    'POST /admin/billing/runs': { organizationId: v.org, month: '2026-11' },
    'POST /admin/invoices/:id/payments': { paidOn: '2026-12-01', amount: '1.00' },
    'POST /admin/invoices/:id/credit': { confirm: 'yes' },
    'POST /admin/buyers/:kind/:id/billing': { addressLines: 'x', country: 'DE', vatNumber: 'DE123456789' },
    'POST /admin/people/import': {
      step: 'import',
      text: 'apartment,name\n9999,Taken over',
      organizationId: v.org,
    },
  }
  return api[key] ?? forms[key] ?? {}
}

/** policies: a policy of the victim's, naming its group and site (in its organization). */
function policyBody(v: Tenant): Record<string, unknown> {
  return {
    name: 'Taken over',
    organizationId: v.org,
    whoKind: 'group',
    whoId: v.group,
    whereKind: 'site',
    whereId: v.site,
    windows: [{ days: [1, 2, 3, 4, 5], from: '18:00', to: '08:00' }],
  }
}

/** tariff-admin: the tariff editor's form of {@link TAKEN_OVER_TARIFF}, into the victim's organization. */
function tariffForm(v: Tenant): Record<string, string> {
  return {
    name: 'Taken over',
    organizationId: v.org,
    currency: 'SEK',
    vat: '25',
    scale: '2',
    mode: 'halfUp',
    level: 'total',
    elements: '1',
    e0parts: '1',
    e0c0type: 'ENERGY',
    e0c0price: '9.99',
    e0c0step: '1',
  }
}

/** policies: the admin form of {@link policyBody}. */
function policyForm(v: Tenant): Record<string, string> {
  return {
    name: 'Taken over',
    organizationId: v.org,
    effect: 'allow',
    enabled: 'on',
    who: `group:${v.group}`,
    where: `site:${v.site}`,
    w0d1: 'on',
    w0from: '18:00',
    w0to: '08:00',
  }
}

/**
 * What of the victim a response must never show: its names and labels, and its ids unless the request
 * itself named them (a 404 may say which id it did not find; a form shows back what was typed).
 */
function leaks(body: string, v: Tenant, asked: string): string[] {
  const ids = [
    v.site,
    v.charger,
    v.token,
    v.org,
    v.driver,
    v.household,
    v.business,
    v.group,
    v.policy,
    // billing API
    v.run,
    v.invoice,
    v.invoiceNumber,
  ].filter((id) => !asked.includes(id))
  const names = [`${v.org} driver`, `${v.org}-1101`, `${v.org} company`, `${v.org} residents`]
  // policies
  names.push(`${v.org} evenings policy`)
  // accounts
  names.push(`${v.org} caretaker role`, `invitee@${v.org}.example`, v.email)
  // tariffs
  names.push(`${v.org} residents tariff`, `${v.org} cdr remark`)
  // price series
  names.push(`${v.org} spot series`)
  // caps: a refusal's explanation
  names.push(`${v.org} evenings only`)
  // billing admin: the seller's name, its invoice number, the buyer's street
  names.push(`${v.org} seller name`, `${v.org.toUpperCase()}-000001`, `${v.org} buyer street`)
  return [v.siteName, v.chargerLabel, v.tokenLabel, ...names, ...ids].filter((m) => body.includes(m))
}

async function seed(t: Tenant) {
  const db = node.deps.database.db
  const now = Date.now()
  const hash = await Bun.password.hash(PASSWORD, { algorithm: 'argon2id' })
  await db
    .insert(organizations)
    .values({ id: t.org, name: t.org, kind: 'owner', parentId: 'platform', createdAt: now, updatedAt: now })
  await db.insert(operators).values({ email: t.email, passwordHash: hash, createdAt: now })
  const [op] = await db.select().from(operators).where(eq(operators.email, t.email))
  await db
    .insert(memberships)
    .values({ operatorId: op!.id, organizationId: t.org, roleId: 'org-admin', createdAt: now })
  await db.insert(apiKeys).values({
    id: `${t.org}key`,
    organizationId: t.org,
    name: `${t.org} key`,
    secretHash: sha256Hex(t.key),
    permissions: [...PERMISSIONS],
    createdAt: now,
  })
  const put = async (path: string, body: unknown) => {
    const res = await api(PLATFORM_KEY, 'PUT', path, body)
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`)
  }
  await put(`/api/v1/chargers/${t.charger}`, { label: t.chargerLabel, organizationId: t.org })
  await put(`/api/v1/sites/${t.site}`, { name: t.siteName, mainFuseA: 63, organizationId: t.org })
  await put(`/api/v1/sites/${t.site}/circuits/${t.circuit}`, { name: 'c', limitA: 32 })
  await put(`/api/v1/sites/${t.site}/connectors/${t.charger}/1`, {
    maxA: 16,
    wiring: 'L1,L2,L3',
    circuitId: t.circuit,
  })
  await put(`/api/v1/tokens/${t.token}`, {
    type: 'ISO14443',
    status: 'Accepted',
    label: t.tokenLabel,
    organizationId: t.org,
  })
  const [[row]] = await node.deps.writer.write([
    startedTransaction(node.deps.repos.transactions, {
      chargerId: t.charger,
      evseId: 1,
      connectorId: 1,
      idTag: t.token,
      startStatus: 'Accepted',
      reservationId: null,
      startedAt: now,
      meterStartWh: 0,
      ocppTxId: `${t.org}-tx`,
      now,
    }),
  ] as const)
  t.tx = row!.id
  // people: a household with a driver, a business account, a group with the token in it
  const post = async (path: string, body: unknown) => {
    const res = await api(PLATFORM_KEY, 'POST', path, body)
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`)
    return ((await res.json()) as { id: string }).id
  }
  t.household = await post('/api/v1/households', { apartment: `${t.org}-1101`, organizationId: t.org })
  t.driver = await post('/api/v1/drivers', {
    name: `${t.org} driver`,
    householdId: t.household,
    organizationId: t.org,
  })
  t.business = await post('/api/v1/business-accounts', {
    name: `${t.org} company`,
    organizationId: t.org,
    costCentres: [{ code: 'CC1', name: 'Centre' }],
  })
  t.group = await post('/api/v1/groups', {
    name: `${t.org} residents`,
    kind: 'tenants',
    organizationId: t.org,
  })
  await post(`/api/v1/groups/${t.group}/members`, { kind: 'token', id: t.token })
  // accounts: an open invitation and a custom role
  t.account = op!.id
  t.invite = await post('/api/v1/invites', {
    email: `invitee@${t.org}.example`,
    roleId: 'board',
    organizationId: t.org,
  })
  t.role = await post('/api/v1/roles', {
    name: `${t.org} caretaker role`,
    permissions: ['sites:read'],
    organizationId: t.org,
  })
  // tariffs: one with a price group
  t.tariff = await post('/api/v1/tariffs', {
    name: `${t.org} residents tariff`,
    organizationId: t.org,
    tariff: TAKEN_OVER_TARIFF,
  })
  // price series: one with a slot
  t.series = await post('/api/v1/price-series', {
    name: `${t.org} spot series`,
    currency: 'SEK',
    slotMinutes: 60,
    zone: 'SE3',
    organizationId: t.org,
  })
  const slots = await api(PLATFORM_KEY, 'PUT', `/api/v1/price-series/${t.series}/slots`, {
    slots: [{ from: '2026-12-08T00:00:00+01:00', to: '2026-12-08T01:00:00+01:00', price_per_kwh: '0.5' }],
  })
  if (slots.status !== 200) throw new Error(`price slots: ${slots.status} ${await slots.text()}`)
  const group = await api(PLATFORM_KEY, 'PUT', `/api/v1/price-groups/${t.org}-residents`, {
    tariffId: t.tariff,
  })
  if (group.status !== 201) throw new Error(`price group: ${group.status} ${await group.text()}`)
  t.cdr = `cdr-${t.org}`
  await node.deps.writer.write([
    node.deps.repos.cdrs.insert({
      id: t.cdr,
      transactionId: -t.tx,
      organizationId: t.org,
      chargerId: t.charger,
      evseId: 1,
      idTag: t.token,
      startedAt: now,
      endedAt: now + 3_600_000,
      tariffId: t.tariff,
      tariffVersion: 1,
      currency: 'SEK',
      totalExclVat: '24',
      totalInclVat: '30',
      energyWh: 10_000,
      flags: '',
      body: { remark: `${t.org} cdr remark` },
      createdAt: now,
    }),
  ])
  // caps: a refusal at the charger, with an explanation naming the tenant's policy
  await node.deps.writer.write([
    node.deps.repos.accessRefusals.insert({
      organizationId: t.org,
      chargerId: t.charger,
      evseId: 1,
      idToken: t.token,
      purpose: 'authorize',
      status: 'NotAtThisTime',
      decidedBy: 'policy',
      policyId: `${t.org}-policy`,
      explanation: [`"${t.org} evenings only" allows this token here, but not at this time`],
      at: now,
    }),
  ])
  // policies: the residents' evenings on the tenant's site
  t.policy = await post('/api/v1/policies', { ...policyBody(t), name: `${t.org} evenings policy` })
  // billing API: a profile, the driver's address, a CDR of theirs in a past month, and that month's run
  await put('/api/v1/billing-profile', {
    ...testProfile({ legalName: `${t.org} seller name`, invoicePrefix: `${t.org.toUpperCase()}-` }),
    organizationId: t.org,
  })
  await put(`/api/v1/buyer-details/driver/${t.driver}`, {
    addressLines: [`${t.org} buyer street 1`],
    country: 'SE',
  })
  await node.deps.writer.write([
    node.deps.repos.cdrs.insert(
      testCdr({
        organizationId: t.org,
        payer: `driver:${t.driver}`,
        endedAt: Date.parse(`${BILLED_MONTH}-15T12:00:00Z`),
        id: `cdr-${t.org}-billed`,
      }),
    ),
  ])
  const run = (await (
    await api(PLATFORM_KEY, 'POST', '/api/v1/billing-runs', { month: BILLED_MONTH, organizationId: t.org })
  ).json()) as { id: string; invoiceIds: string[] }
  if (run.invoiceIds.length !== 1) throw new Error(`billing run of ${t.org}: ${JSON.stringify(run)}`)
  t.run = run.id
  t.invoice = run.invoiceIds[0] as string
  t.invoiceNumber = `${t.org.toUpperCase()}-000001`
  node.deps.bus.serve(subjects.chargerCommand(t.charger), () => {
    commandsTo.set(t.charger, (commandsTo.get(t.charger) ?? 0) + 1)
    return { status: 'Accepted' }
  })
}

async function member(email: string, roleId: string): Promise<string> {
  const db = node.deps.database.db
  const now = Date.now()
  await db.insert(operators).values({
    email,
    passwordHash: await Bun.password.hash(PASSWORD, { algorithm: 'argon2id' }),
    createdAt: now,
  })
  const [op] = await db.select().from(operators).where(eq(operators.email, email))
  await db.insert(memberships).values({ operatorId: op!.id, organizationId: 'coop', roleId, createdAt: now })
  return signIn(email)
}

beforeAll(async () => {
  node = await startTestNode({ CSMS_API_KEY: PLATFORM_KEY })
  for (const t of Object.values(tenants)) await seed(t)
  for (const t of Object.values(tenants)) t.cookie = await signIn(t.email)
  boardCookie = await member('board@coop.example', 'board')
  supportCookie = await member('support@coop.example', 'support')
}, 30_000)
afterAll(() => node.dispose())

/** Every declared route that needs a permission: the ones a tenant could reach another's things by. */
const guardedRoutes = () =>
  node.app.routes
    .map((r) => ({ method: r.method, path: r.path, key: `${r.method} ${r.path}` }))
    .filter((r) => {
      const access = ROUTE_ACCESS[r.key]
      return access !== undefined && access !== 'public' && access !== 'signed-in'
    })

describe('tenant isolation', () => {
  test('the walk covers every guarded route, each with a victim value for every parameter', () => {
    const routes = guardedRoutes()
    expect(routes.length).toBeGreaterThan(40)
    for (const r of routes) expect(() => pathFor(r.path, tenants.office)).not.toThrow()
  })

  test('the tenants see their own: a positive control, so the walk below proves something', async () => {
    for (const t of Object.values(tenants)) {
      const list = await (await api(t.key, 'GET', '/api/v1/chargers')).text()
      expect(list).toContain(t.charger)
      expect((await api(t.key, 'GET', `/api/v1/transactions/${t.tx}`)).status).toBe(200)
      // sessions: its running session, listed and by id
      expect(await (await api(t.key, 'GET', '/api/v1/sessions')).text()).toContain(
        `"chargerId":"${t.charger}"`,
      )
      expect((await api(t.key, 'GET', `/api/v1/sessions/${t.tx}`)).status).toBe(200)
      const page = await (await admin(t.cookie, 'GET', '/admin/sites')).text()
      expect(page).toContain(t.siteName)
      const live = await firstOfStream(await admin(t.cookie, 'GET', `/admin/live/chargers?ids=${t.charger}`))
      expect(live).toContain(t.charger)
      const audit = await (await admin(t.cookie, 'GET', '/admin/audit')).text()
      expect(audit).toContain(t.tokenLabel)
      const csv = await (await admin(t.cookie, 'GET', '/admin/audit.csv')).text()
      expect(csv).toContain(t.token)
      // accounts
      expect(await (await api(t.key, 'GET', '/api/v1/invites')).text()).toContain(`invitee@${t.org}.example`)
      expect(await (await admin(t.cookie, 'GET', '/admin/roles')).text()).toContain(`${t.org} caretaker role`)
      expect(await (await admin(t.cookie, 'GET', '/admin/accounts')).text()).toContain(t.email)
      // caps: its own charger's refusals, in the API and on the charger page's panel
      const refusals = await (await api(t.key, 'GET', `/api/v1/chargers/${t.charger}/refusals`)).text()
      expect(refusals).toContain(`${t.org} evenings only`)
      const panel = await (await admin(t.cookie, 'GET', `/admin/chargers/${t.charger}/refusals`)).text()
      expect(panel).toContain(`${t.org} evenings only`)
      // policies: its own policy, on the API and the admin list
      expect(await (await api(t.key, 'GET', '/api/v1/policies')).text()).toContain(`${t.org} evenings policy`)
      expect(await (await admin(t.cookie, 'GET', '/admin/policies')).text()).toContain(
        `${t.org} evenings policy`,
      )
      // tariff-admin: its own tariff and CDR on the admin's lists and pages
      expect(await (await admin(t.cookie, 'GET', '/admin/tariffs')).text()).toContain(
        `${t.org} residents tariff`,
      )
      expect(await (await admin(t.cookie, 'GET', `/admin/tariffs/${t.tariff}`)).text()).toContain(
        `${t.org}-residents`,
      )
      expect(await (await admin(t.cookie, 'GET', '/admin/cdrs')).text()).toContain(t.cdr)
      // price series: its own series on the API
      expect(await (await api(t.key, 'GET', '/api/v1/price-series')).text()).toContain(`${t.org} spot series`)
      expect((await api(t.key, 'GET', `/api/v1/price-series/${t.series}`)).status).toBe(200)
      expect(await (await admin(t.cookie, 'GET', '/admin/price-series')).text()).toContain(
        `${t.org} spot series`,
      )
      expect(await (await admin(t.cookie, 'GET', `/admin/price-series/${t.series}`)).text()).toContain(
        `${t.org} spot series`,
      )
      expect((await admin(t.cookie, 'GET', `/admin/cdrs/${t.cdr}`)).status).toBe(200)
      // billing admin: its own profile and run, invoice list, page, PDF and buyer details
      const billingPage = await (await admin(t.cookie, 'GET', '/admin/billing')).text()
      expect(billingPage).toContain(`${t.org} seller name`)
      expect(billingPage).toContain(t.run)
      expect(await (await admin(t.cookie, 'GET', '/admin/invoices')).text()).toContain(
        `${t.org.toUpperCase()}-000001`,
      )
      expect((await admin(t.cookie, 'GET', `/admin/invoices/${t.invoice}`)).status).toBe(200)
      expect((await admin(t.cookie, 'GET', `/admin/invoices/${t.invoice}.pdf`)).status).toBe(200)
      expect(await (await admin(t.cookie, 'GET', '/admin/invoices.csv')).text()).toContain(
        `cdr-${t.org}-billed`,
      )
      expect(
        await (await admin(t.cookie, 'GET', `/admin/buyers/driver/${t.driver}/billing`)).text(),
      ).toContain(`${t.org} buyer street`)
      // people admin pages
      expect(await (await admin(t.cookie, 'GET', '/admin/drivers')).text()).toContain(`${t.org} driver`)
      expect(await (await admin(t.cookie, 'GET', `/admin/groups/${t.group}`)).text()).toContain(t.token)
      expect(await (await admin(t.cookie, 'GET', `/admin/business-accounts/${t.business}`)).text()).toContain(
        'CC1',
      )
      // billing API: its own run, invoice (JSON and PDF), exports and profile
      expect(await (await api(t.key, 'GET', '/api/v1/billing-runs')).text()).toContain(t.run)
      expect(await (await api(t.key, 'GET', '/api/v1/invoices')).text()).toContain(t.invoiceNumber)
      expect(await (await api(t.key, 'GET', `/api/v1/invoices/${t.invoice}`)).text()).toContain(
        `${t.org} driver`,
      )
      expect((await api(t.key, 'GET', `/api/v1/invoices/${t.invoice}.pdf`)).status).toBe(200)
      const lines = await api(t.key, 'GET', `/api/v1/invoices.csv?period=${BILLED_MONTH}`)
      expect(await lines.text()).toContain(t.invoiceNumber)
      expect((await api(t.key, 'GET', '/api/v1/billing-profile')).status).toBe(200)
    }
  })

  for (const [attacker, victim] of [
    ['coop', 'office'],
    ['office', 'coop'],
  ] as const) {
    test(`${attacker} can neither read, list, count, change, command nor stream anything of ${victim}`, async () => {
      const a = tenants[attacker]
      const v = tenants[victim]
      const before = await stateOf(v)
      const problems: string[] = []
      for (const r of guardedRoutes()) {
        // A GET also asks for the victim's charger by query (the live list follows the ids it is given).
        const query = r.method === 'GET' ? `?ids=${encodeURIComponent(v.charger)}` : ''
        const path = pathFor(r.path, v) + query
        const isApi = r.path.startsWith('/api/')
        const body = r.method === 'GET' ? undefined : bodyFor(r.key, v)
        const res = isApi
          ? await api(a.key, r.method, path, body)
          : await admin(a.cookie, r.method, path, body as Record<string, string> | undefined)
        const text = r.path.startsWith('/admin/live') ? await firstOfStream(res) : await res.text()
        const found = leaks(text, v, decodeURIComponent(path) + JSON.stringify(body ?? {}))
        if (found.length) problems.push(`${r.method} ${path} showed ${found.join(', ')}`)
        const hasParams = r.path.includes(':')
        if ((hasParams || r.method !== 'GET') && res.status < 400 && !r.path.startsWith('/admin/live'))
          problems.push(`${r.method} ${path} answered ${res.status}`)
      }
      expect(problems).toEqual([])
      expect(await stateOf(v)).toBe(before)
      expect(commandsTo.get(v.charger) ?? 0).toBe(0)
    }, 60_000)
  }

  test("a tenant cannot put the other's charger on its own site", async () => {
    const { coop, office } = tenants
    const res = await api(coop.key, 'PUT', `/api/v1/sites/${coop.site}/connectors/${office.charger}/1`, {
      maxA: 16,
      wiring: 'L1,L2,L3',
    })
    expect(res.status).toBe(404)
  })

  test("a tenant cannot register a charger, site or token into the other's organization", async () => {
    const { coop, office } = tenants
    const charger = await api(coop.key, 'PUT', '/api/v1/chargers/NEW-CP', { organizationId: office.org })
    const token = await api(coop.key, 'PUT', '/api/v1/tokens/NEW-TAG', {
      type: 'ISO14443',
      status: 'Accepted',
      organizationId: office.org,
    })
    const site = await api(coop.key, 'PUT', '/api/v1/sites/new-site', {
      name: 'n',
      mainFuseA: 10,
      organizationId: office.org,
    })
    expect([charger.status, token.status, site.status]).toEqual([400, 400, 400])
  })

  test("a new thing goes to the caller's organization, and a transaction to its charger's", async () => {
    const { coop } = tenants
    const res = await api(coop.key, 'PUT', '/api/v1/tokens/COOP-NEW', {
      type: 'ISO14443',
      status: 'Accepted',
    })
    expect(res.status).toBe(201)
    expect(((await res.json()) as { organizationId: string }).organizationId).toBe(coop.org)
    const tx = await api(coop.key, 'GET', `/api/v1/transactions/${coop.tx}`)
    expect(((await tx.json()) as { organizationId: string }).organizationId).toBe(coop.org)
  })
})

describe('billing across tenants', () => {
  test("another organization's invoices, runs, exports and profile are invisible, and its billing is not run", async () => {
    const { coop, office } = tenants
    const one = await api(coop.key, 'GET', `/api/v1/invoices/${office.invoice}`)
    expect(one.status).toBe(404)
    expect(await one.text()).not.toContain(`${office.org} driver`)
    expect((await api(coop.key, 'GET', `/api/v1/invoices/${office.invoice}.pdf`)).status).toBe(404)
    expect((await api(coop.key, 'GET', `/api/v1/billing-runs/${office.run}`)).status).toBe(404)
    for (const list of [
      '/api/v1/invoices',
      '/api/v1/billing-runs',
      `/api/v1/invoices.csv?period=${BILLED_MONTH}`,
    ])
      expect(await (await api(coop.key, 'GET', list)).text()).not.toContain(office.org.toUpperCase())
    for (const path of [
      `/api/v1/invoices.csv?period=${BILLED_MONTH}&organizationId=${office.org}`,
      `/api/v1/invoices.sie?period=${BILLED_MONTH}&organizationId=${office.org}`,
      `/api/v1/billing-profile?organizationId=${office.org}`,
    ])
      expect((await api(coop.key, 'GET', path)).status).toBe(400)
    const before = await stateOf(office)
    const run = await api(coop.key, 'POST', '/api/v1/billing-runs', { organizationId: office.org })
    expect(run.status).toBe(400)
    expect(await run.text()).toContain(`you hold billing:write in no organization ${office.org}`)
    const credit = await api(coop.key, 'POST', `/api/v1/invoices/${office.invoice}/credit`)
    expect(credit.status).toBe(404)
    expect(await stateOf(office)).toBe(before)
  })
})

describe('accounts across tenants', () => {
  test("a tenant cannot invite with the other's role, nor give it to its own members", async () => {
    const { coop, office } = tenants
    const invite = await api(coop.key, 'POST', '/api/v1/invites', {
      email: 'x@coop.example',
      roleId: office.role,
    })
    expect(invite.status).toBe(403)
    expect(await invite.text()).toContain('belongs to another organization')
    const grant = await api(coop.key, 'PUT', `/api/v1/accounts/${coop.account}/memberships/coop`, {
      roleId: office.role,
    })
    expect(grant.status).toBe(403)
    const form = await admin(coop.cookie, 'POST', '/admin/invites', {
      email: 'x@coop.example',
      organizationId: coop.org,
      roleId: office.role,
    })
    expect(form.status).toBe(403)
    expect(await form.text()).not.toContain(`${office.org} caretaker role`)
  })
})

describe('billing across tenants', () => {
  test("the other's invoice is 404 on its page, its PDF and every action; its runs and profile are not shown", async () => {
    const { coop, office } = tenants
    for (const path of [`/admin/invoices/${office.invoice}`, `/admin/invoices/${office.invoice}.pdf`])
      expect((await admin(coop.cookie, 'GET', path)).status).toBe(404)
    for (const action of ['payments', 'reminders', 'credit']) {
      const res = await admin(coop.cookie, 'POST', `/admin/invoices/${office.invoice}/${action}`, {
        paidOn: '2026-12-01',
        amount: '1.00',
        confirm: 'yes',
      })
      expect([action, res.status]).toEqual([action, 404])
    }
    const page = await (await admin(coop.cookie, 'GET', `/admin/billing?org=${office.org}`)).text()
    expect(page).not.toContain(office.run)
    expect(page).not.toContain('office seller name')
    const list = await (await admin(coop.cookie, 'GET', `/admin/invoices?org=${office.org}`)).text()
    expect(list).toContain('0 documents')
  })
})

describe('ownership through the admin forms', () => {
  test("a token added on the admin page is the adder's organization's, and not the other's to see", async () => {
    const { coop, office } = tenants
    const res = await admin(coop.cookie, 'POST', '/admin/tokens', {
      uid: 'COOP-FORM',
      type: 'ISO14443',
      status: 'Accepted',
      label: '',
    })
    expect(res.status).toBe(200)
    const [row] = await node.deps.database.db.select().from(tokens).where(eq(tokens.uid, 'COOP-FORM'))
    expect(row?.organizationId).toBe(coop.org)
    expect(await (await admin(office.cookie, 'GET', '/admin/tokens')).text()).not.toContain('COOP-FORM')
  })

  test('an organization the adder cannot write is refused with a message on the form', async () => {
    const res = await admin(tenants.coop.cookie, 'POST', '/admin/chargers', {
      id: 'COOP-NEW-CP',
      label: '',
      password: '',
      organizationId: tenants.office.org,
    })
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('you cannot add to organization office')
  })
})

describe('roles within a tenant', () => {
  test('a board member reads its own site, and every write route answers 403', async () => {
    const { coop } = tenants
    expect((await admin(boardCookie, 'GET', `/admin/sites/${coop.site}`)).status).toBe(200)
    const before = await stateOf(coop)
    const writes = guardedRoutes().filter((r) => r.method !== 'GET' && r.path.startsWith('/admin/'))
    expect(writes.length).toBeGreaterThan(5)
    const statuses = await Promise.all(
      writes.map(async (r) => {
        const res = await admin(
          boardCookie,
          r.method,
          pathFor(r.path, coop),
          bodyFor(r.key, coop) as Record<string, string>,
        )
        return `${r.key} ${res.status}`
      }),
    )
    expect(statuses.filter((s) => !s.endsWith(' 403'))).toEqual([])
    expect(await stateOf(coop)).toBe(before)
  })

  test('support cannot read tokens', async () => {
    const res = await admin(supportCookie, 'GET', '/admin/tokens')
    expect(res.status).toBe(403)
    expect(await res.text()).not.toContain(tenants.coop.tokenLabel)
  })
})
