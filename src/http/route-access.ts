import type { Permission } from '@src/domain/tenancy/permissions'

/**
 * What a route needs: a permission from the catalog (held in at least one organization; the
 * repositories then limit what it sees to those organizations), `signed-in` (any account, for its own
 * things), or `public` (no account: sign-in, health, assets, the drivers' pages behind their own codes).
 */
export type RouteAccess = Permission | 'signed-in' | 'public'

/**
 * The one table of every route's access, `'METHOD /path'` as the route is declared. The guards of the
 * API and the admin look requests up here before any handler runs; a route missing from it is refused
 * (and the tenancy test, which walks the app's route table, fails).
 */
export const ROUTE_ACCESS: Readonly<Record<string, RouteAccess>> = {
  'GET /health': 'public',
  'GET /metrics': 'public',
  'GET /static/*': 'public',
  'GET /': 'public',
  'GET /admin': 'public',
  'GET /admin/login': 'public',
  'POST /admin/login': 'public',
  'POST /admin/logout': 'public',
  'GET /drive/:chargerId/:evseId': 'public',
  'GET /drive/:chargerId/:evseId/:code': 'public',
  'GET /drive/s/:token': 'public',
  'GET /drive/s/:token/live': 'public',
  'POST /drive/s/:token/departure': 'public',
  'GET /api/v1/openapi.json': 'public',
  // driver pages: the driver's own pages, no operator account; the sign-in and link routes are open,
  // every other one needs the driver's session cookie (checked by `src/http/driver/me.ts`)
  'GET /me/sign-in': 'public',
  'POST /me/sign-in': 'public',
  'GET /me/link/:secret': 'public',
  'POST /me/link/:secret': 'public',
  'POST /me/sign-out': 'public',
  'POST /me/sign-out-everywhere': 'public',
  'POST /me/language': 'public',
  'GET /me': 'public',
  'GET /me/history': 'public',
  'GET /me/cards': 'public',
  'POST /me/cards/:uid/block': 'public',
  'GET /me/plan': 'public',
  'POST /me/plan': 'public',
  'GET /me/household': 'public',
  // the "now" tab's live figures (server-sent events)
  'GET /me/live': 'public',
  // billing admin: the driver's own invoices and their PDFs (`/me/invoices/:id.pdf`, the `:id` route)
  'GET /me/invoices': 'public',
  'GET /me/invoices/:id': 'public',

  'GET /api/v1/chargers': 'chargers:read',
  'GET /api/v1/chargers/:id': 'chargers:read',
  'PUT /api/v1/chargers/:id': 'chargers:write',
  'PUT /api/v1/chargers/:id/password': 'chargers:write',
  'DELETE /api/v1/chargers/:id/password': 'chargers:write',
  'POST /api/v1/chargers/:id/commands': 'chargers:command',
  'GET /api/v1/tokens': 'tokens:read',
  'GET /api/v1/tokens/:uid': 'tokens:read',
  'PUT /api/v1/tokens/:uid': 'tokens:write',
  'DELETE /api/v1/tokens/:uid': 'tokens:write',
  'GET /api/v1/transactions': 'transactions:read',
  'GET /api/v1/transactions/:id': 'transactions:read',
  'PUT /api/v1/transactions/:id/departure': 'chargers:command',
  // sessions: the running sessions' live view (energy, power, cost so far)
  'GET /api/v1/sessions': 'transactions:read',
  'GET /api/v1/sessions/:transactionId': 'transactions:read',
  'GET /api/v1/sites': 'sites:read',
  'GET /api/v1/sites/:id': 'sites:read',
  'PUT /api/v1/sites/:id': 'sites:write',
  'DELETE /api/v1/sites/:id': 'sites:write',
  'PUT /api/v1/sites/:id/circuits/:circuitId': 'sites:write',
  'DELETE /api/v1/sites/:id/circuits/:circuitId': 'sites:write',
  'PUT /api/v1/sites/:id/connectors/:chargerId/:evseId': 'sites:write',
  'DELETE /api/v1/sites/:id/connectors/:chargerId/:evseId': 'sites:write',
  'POST /api/v1/sites/:id/building-meter': 'sites:write',
  'GET /api/v1/sites/:id/load': 'sites:read',
  'GET /api/v1/sites/:id/peaks': 'sites:read',
  // energy margin
  'GET /api/v1/sites/:id/grid-tariff': 'sites:read',
  'PUT /api/v1/sites/:id/grid-tariff': 'sites:write',
  'GET /api/v1/sites/:id/energy-margin': 'reports:read',

  // tenancy: organizations, API keys, audit
  'GET /api/v1/organizations': 'organizations:read',
  'GET /api/v1/organizations/:id': 'organizations:read',
  'POST /api/v1/organizations': 'organizations:write',
  'PATCH /api/v1/organizations/:id': 'organizations:write',
  'DELETE /api/v1/organizations/:id': 'organizations:write',
  'GET /api/v1/api-keys': 'api-keys:read',
  'POST /api/v1/api-keys': 'api-keys:write',
  'DELETE /api/v1/api-keys/:id': 'api-keys:write',
  'GET /api/v1/audit': 'audit:read',
  'GET /api/v1/audit.csv': 'audit:read',
  'GET /admin/audit': 'audit:read',
  'GET /admin/audit.csv': 'audit:read',
  'GET /admin/organizations': 'organizations:read',
  'POST /admin/organizations': 'organizations:write',
  'POST /admin/organizations/:id/delete': 'organizations:write',
  'POST /admin/api-keys': 'api-keys:write',
  'POST /admin/api-keys/:id/revoke': 'api-keys:write',

  'GET /admin/chargers': 'chargers:read',
  'POST /admin/chargers': 'chargers:write',
  'GET /admin/chargers/:id': 'chargers:read',
  'GET /admin/chargers/:id/qr': 'chargers:read',
  'GET /admin/chargers/:id/variables': 'chargers:read',
  'POST /admin/chargers/:id/settings': 'chargers:write',
  'POST /admin/chargers/:id/commands': 'chargers:command',
  // Local lists: a charger's list panel and "Send now".
  'GET /admin/chargers/:id/local-list': 'chargers:read',
  'POST /admin/chargers/:id/local-list': 'chargers:command',
  'GET /admin/transactions': 'transactions:read',
  'GET /admin/transactions/:id': 'transactions:read',
  'GET /admin/tokens': 'tokens:read',
  'POST /admin/tokens': 'tokens:write',
  'GET /admin/live/chargers': 'chargers:read',
  'GET /admin/live/chargers/:id': 'chargers:read',
  'GET /admin/sites': 'sites:read',
  'POST /admin/sites': 'sites:write',
  'GET /admin/sites/:id': 'sites:read',
  'GET /admin/sites/:id/config': 'sites:read',
  'POST /admin/sites/:id/settings': 'sites:write',
  'POST /admin/sites/:id/delete': 'sites:write',
  'POST /admin/sites/:id/circuits': 'sites:write',
  'POST /admin/sites/:id/circuits/:circuitId/delete': 'sites:write',
  'POST /admin/sites/:id/connectors': 'sites:write',
  'POST /admin/sites/:id/connectors/:chargerId/:evseId/delete': 'sites:write',
  'GET /admin/live/sites': 'sites:read',
  'GET /admin/live/sites/:id': 'sites:read',

  // accounts: one's own account and sessions
  'GET /admin/account': 'signed-in',
  'POST /admin/account/sessions/:id/delete': 'signed-in',
  'POST /admin/account/sign-out-everywhere': 'signed-in',
  'POST /admin/account/password': 'signed-in',
  'GET /admin/accounts': 'accounts:read',
  'POST /admin/accounts/:id/disable': 'accounts:write',
  'GET /api/v1/accounts': 'accounts:read',
  // accounts: invitations, password reset links, memberships, roles
  'GET /admin/invite/:token': 'public',
  'POST /admin/invite/:token': 'public',
  'GET /admin/reset/:token': 'public',
  'POST /admin/reset/:token': 'public',
  'POST /admin/invites': 'accounts:write',
  'POST /admin/invites/:id/revoke': 'accounts:write',
  'POST /admin/accounts/:id/reset': 'accounts:write',
  'POST /admin/accounts/:id/memberships/:organizationId': 'accounts:write',
  'POST /admin/accounts/:id/memberships/:organizationId/remove': 'accounts:write',
  'GET /admin/roles': 'accounts:read',
  'POST /admin/roles': 'accounts:write',
  'POST /admin/roles/:id': 'accounts:write',
  'POST /admin/roles/:id/delete': 'accounts:write',
  'GET /api/v1/invites': 'accounts:read',
  'POST /api/v1/invites': 'accounts:write',
  'DELETE /api/v1/invites/:id': 'accounts:write',
  'GET /api/v1/roles': 'accounts:read',
  'POST /api/v1/roles': 'accounts:write',
  'PUT /api/v1/roles/:id': 'accounts:write',
  'DELETE /api/v1/roles/:id': 'accounts:write',
  'GET /api/v1/accounts/:id/memberships': 'accounts:read',
  'PUT /api/v1/accounts/:id/memberships/:organizationId': 'accounts:write',
  'DELETE /api/v1/accounts/:id/memberships/:organizationId': 'accounts:write',

  // people: drivers, households, business accounts, groups, token owners and block, CSV import/export
  'GET /api/v1/drivers': 'drivers:read',
  'GET /api/v1/drivers.csv': 'drivers:read',
  'GET /api/v1/drivers/:id': 'drivers:read',
  'POST /api/v1/drivers': 'drivers:write',
  'PUT /api/v1/drivers/:id': 'drivers:write',
  'DELETE /api/v1/drivers/:id': 'drivers:write',
  'GET /api/v1/households': 'drivers:read',
  'GET /api/v1/households/:id': 'drivers:read',
  'POST /api/v1/households': 'drivers:write',
  'PUT /api/v1/households/:id': 'drivers:write',
  'DELETE /api/v1/households/:id': 'drivers:write',
  'GET /api/v1/business-accounts': 'drivers:read',
  'GET /api/v1/business-accounts/:id': 'drivers:read',
  'POST /api/v1/business-accounts': 'drivers:write',
  'PUT /api/v1/business-accounts/:id': 'drivers:write',
  'DELETE /api/v1/business-accounts/:id': 'drivers:write',
  'GET /api/v1/groups': 'groups:read',
  'GET /api/v1/groups/:id': 'groups:read',
  'POST /api/v1/groups': 'groups:write',
  'PUT /api/v1/groups/:id': 'groups:write',
  'DELETE /api/v1/groups/:id': 'groups:write',
  'POST /api/v1/groups/:id/members': 'groups:write',
  'DELETE /api/v1/groups/:id/members/:kind/:memberId': 'groups:write',
  'POST /api/v1/people/import': 'drivers:write',
  'POST /api/v1/tokens/:uid/block': 'tokens:write',
  'POST /api/v1/tokens/:uid/unblock': 'tokens:write',
  'POST /admin/tokens/:uid/block': 'tokens:write',
  'POST /admin/tokens/:uid/unblock': 'tokens:write',
  'GET /admin/people.csv': 'drivers:read',

  // tariffs: immutable versions, previews, price groups
  'GET /api/v1/tariffs': 'tariffs:read',
  'GET /api/v1/tariffs/:id': 'tariffs:read',
  'GET /api/v1/tariffs/:id/versions/:version': 'tariffs:read',
  'POST /api/v1/tariffs': 'tariffs:write',
  'PUT /api/v1/tariffs/:id': 'tariffs:write',
  'DELETE /api/v1/tariffs/:id': 'tariffs:write',
  'POST /api/v1/tariffs/:id/preview': 'tariffs:read',
  'GET /api/v1/price-groups': 'tariffs:read',
  'PUT /api/v1/price-groups/:name': 'tariffs:write',
  'DELETE /api/v1/price-groups/:name': 'tariffs:write',
  // price series: spot prices per slot, imported as JSON or CSV
  'GET /api/v1/price-series': 'tariffs:read',
  'GET /api/v1/price-series/:id': 'tariffs:read',
  'POST /api/v1/price-series': 'tariffs:write',
  'GET /api/v1/price-series/:id/slots': 'tariffs:read',
  'PUT /api/v1/price-series/:id/slots': 'tariffs:write',
  'POST /api/v1/price-series/:id/import': 'tariffs:write',
  'GET /api/v1/cdrs': 'billing:read',
  'GET /api/v1/cdrs/:id': 'billing:read',
  // tariff-admin: the tariff editor with its preview, and the CDR pages
  'GET /admin/tariffs': 'tariffs:read',
  'GET /admin/tariffs/new': 'tariffs:write',
  'POST /admin/tariffs': 'tariffs:write',
  'GET /admin/tariffs/:id': 'tariffs:read',
  'GET /admin/tariffs/:id/preview': 'tariffs:read',
  'GET /admin/tariffs/:id/edit': 'tariffs:write',
  'POST /admin/tariffs/:id': 'tariffs:write',
  // price series: the list, a new one, a series' chart and CSV upload
  'GET /admin/price-series': 'tariffs:read',
  'POST /admin/price-series': 'tariffs:write',
  'GET /admin/price-series/:id': 'tariffs:read',
  'POST /admin/price-series/:id/import': 'tariffs:write',
  'GET /admin/cdrs': 'billing:read',
  'GET /admin/cdrs/:id': 'billing:read',
  // billing admin: the seller profile and billing runs, invoices (the PDF is `/admin/invoices/:id.pdf`,
  // answered by the `:id` route), their actions, and buyers' invoicing details
  'GET /admin/billing': 'billing:read',
  'POST /admin/billing/profile': 'billing:write',
  'POST /admin/billing/runs': 'billing:write',
  'GET /admin/invoices': 'billing:read',
  'GET /admin/invoices.csv': 'billing:read',
  'GET /admin/invoices.sie': 'billing:read',
  'GET /admin/invoices/:id': 'billing:read',
  'POST /admin/invoices/:id/payments': 'billing:write',
  'POST /admin/invoices/:id/reminders': 'billing:write',
  'POST /admin/invoices/:id/credit': 'billing:write',
  'GET /admin/buyers/:kind/:id/billing': 'drivers:read',
  'POST /admin/buyers/:kind/:id/billing': 'drivers:write',
  // caps: a charger's refusals (API and the charger page's panel)
  'GET /api/v1/chargers/:id/refusals': 'chargers:read',
  'GET /admin/chargers/:id/refusals': 'chargers:read',
  // policies: access policies, their timetable and the access check ("try a token")
  'GET /api/v1/policies': 'policies:read',
  'GET /api/v1/policies/:id': 'policies:read',
  'POST /api/v1/policies': 'policies:write',
  'PUT /api/v1/policies/:id': 'policies:write',
  'DELETE /api/v1/policies/:id': 'policies:write',
  'POST /api/v1/policies/:id/move': 'policies:write',
  'POST /api/v1/access/check': 'policies:read',
  'GET /admin/policies': 'policies:read',
  'GET /admin/policies/new': 'policies:write',
  'POST /admin/policies': 'policies:write',
  'GET /admin/policies/timetable': 'policies:read',
  'GET /admin/policies/try': 'policies:read',
  'GET /admin/policies/:id': 'policies:read',
  'POST /admin/policies/:id': 'policies:write',
  'POST /admin/policies/:id/move': 'policies:write',
  'POST /admin/policies/:id/delete': 'policies:write',
  // people admin pages: drivers, households, business accounts, groups, token edit, import
  'GET /admin/drivers': 'drivers:read',
  'POST /admin/drivers': 'drivers:write',
  'GET /admin/drivers/:id': 'drivers:read',
  'POST /admin/drivers/:id': 'drivers:write',
  'POST /admin/drivers/:id/delete': 'drivers:write',
  'POST /admin/drivers/:id/tokens': 'tokens:write',
  'GET /admin/households': 'drivers:read',
  'POST /admin/households': 'drivers:write',
  'GET /admin/households/:id': 'drivers:read',
  'POST /admin/households/:id': 'drivers:write',
  'POST /admin/households/:id/delete': 'drivers:write',
  'POST /admin/households/:id/tokens': 'tokens:write',
  'GET /admin/business-accounts': 'drivers:read',
  'POST /admin/business-accounts': 'drivers:write',
  'GET /admin/business-accounts/:id': 'drivers:read',
  'POST /admin/business-accounts/:id': 'drivers:write',
  'POST /admin/business-accounts/:id/delete': 'drivers:write',
  'POST /admin/business-accounts/:id/cost-centres': 'drivers:write',
  'POST /admin/business-accounts/:id/cost-centres/:code/delete': 'drivers:write',
  'POST /admin/business-accounts/:id/tokens': 'tokens:write',
  'GET /admin/groups': 'groups:read',
  'POST /admin/groups': 'groups:write',
  'GET /admin/groups/:id': 'groups:read',
  'POST /admin/groups/:id': 'groups:write',
  'POST /admin/groups/:id/delete': 'groups:write',
  'POST /admin/groups/:id/members': 'groups:write',
  'POST /admin/groups/:id/members/:kind/:memberId/delete': 'groups:write',
  'GET /admin/tokens/:uid': 'tokens:read',
  'POST /admin/tokens/:uid': 'tokens:write',
  'GET /admin/people/import': 'drivers:read',
  'POST /admin/people/import': 'drivers:write',
  // billing API: runs, invoices (and `<id>.pdf`), exports, credit notes, payments, seller and buyer details
  'POST /api/v1/billing-runs': 'billing:write',
  'GET /api/v1/billing-runs': 'billing:read',
  'GET /api/v1/billing-runs/:id': 'billing:read',
  'GET /api/v1/invoices': 'billing:read',
  'GET /api/v1/invoices.csv': 'billing:read',
  'GET /api/v1/invoices.sie': 'billing:read',
  'GET /api/v1/invoices/:id': 'billing:read',
  'POST /api/v1/invoices/:id/credit': 'billing:write',
  'POST /api/v1/invoices/:id/payments': 'billing:write',
  'POST /api/v1/invoices/:id/reminders': 'billing:write',
  'GET /api/v1/billing-profile': 'billing:read',
  'PUT /api/v1/billing-profile': 'billing:write',
  'GET /api/v1/buyer-details/:kind/:id': 'billing:read',
  'PUT /api/v1/buyer-details/:kind/:id': 'billing:write',
}

interface Compiled {
  method: string
  parts: string[]
  access: RouteAccess
}

const compiled: Compiled[] = Object.entries(ROUTE_ACCESS).map(([key, access]) => {
  const [method = '', path = ''] = key.split(' ')
  return { method, parts: path.split('/'), access }
})

/** True when a declared path (`:param` one segment, `*` the rest) matches a request's segments. */
function matches(parts: readonly string[], segments: readonly string[]): boolean {
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] as string
    if (p === '*') return true
    if (i >= segments.length) return false
    if (p.startsWith(':') ? segments[i] === '' : p !== segments[i]) return false
  }
  return parts.length === segments.length
}

/**
 * The access a request needs, by its method and path; undefined when no declared route matches (the
 * guards refuse it). A literal segment outranks a parameter, as in the router: among the matches, the
 * one with the most literal segments wins.
 *
 * @example accessOf('PUT', '/api/v1/tokens/CARD-1') // 'tokens:write'
 */
export function accessOf(method: string, path: string): RouteAccess | undefined {
  const m = method === 'HEAD' ? 'GET' : method
  const segments = path.split('/')
  let best: Compiled | undefined
  let bestLiterals = -1
  for (const c of compiled) {
    if (c.method !== m || !matches(c.parts, segments)) continue
    const literals = c.parts.filter((p) => !p.startsWith(':') && p !== '*').length
    if (literals > bestLiterals) {
      best = c
      bestLiterals = literals
    }
  }
  return best?.access
}
