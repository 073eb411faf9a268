import type { Deps } from '@src/deps'
import { Elysia } from 'elysia'
import { accountAdmin } from './account'
import { accountLinksController } from './account-links'
import { accountsAdmin } from './accounts'
import { auditAdmin } from './audit'
import { adminGate } from './auth'
import { billingPages } from './billing-pages'
import { businessAccountsAdmin } from './business-accounts'
import { cdrsAdmin } from './cdrs'
import { chargersAdmin } from './chargers'
import { driversAdmin } from './drivers'
import { groupsAdmin } from './groups'
import { householdsAdmin } from './households'
import { invitesAdmin } from './invites'
import { liveAdmin } from './live'
import { localListAdmin } from './local-list'
import { loginController } from './login'
import { organizationsAdmin } from './organizations'
import { peopleImportAdmin } from './people-import'
import { policiesAdmin } from './policies'
import { priceSeriesAdmin } from './price-series'
import { recordsAdmin } from './records'
import { refusalsAdmin } from './refusals'
import { rolesAdmin } from './roles'
import { siteFuseTreeAdmin } from './site-fuse-tree'
import { liveSites } from './site-live'
import { sitesAdmin } from './sites'
import { staticAssets } from './static'
import { tariffsAdmin } from './tariffs'
import { tokenBlockAdmin } from './token-block'
import { tokenEditAdmin } from './token-edit'

/**
 * The operators' web admin (server-rendered, htmx), its live streams and its assets. Every post is
 * checked (origin, session, size) before its body is read ({@link adminGate}).
 */
export function adminController(deps: Deps) {
  const home = () => new Response(null, { status: 303, headers: { location: '/admin/chargers' } })
  return (
    new Elysia()
      .use(adminGate(deps))
      .use(staticAssets())
      .use(loginController(deps))
      .use(chargersAdmin(deps))
      // Local lists: the charger page's list panel and "Send now".
      .use(localListAdmin(deps))
      .use(recordsAdmin(deps))
      .use(liveAdmin(deps))
      .use(sitesAdmin(deps))
      .use(siteFuseTreeAdmin(deps))
      .use(liveSites(deps))
      .use(auditAdmin(deps))
      .use(organizationsAdmin(deps))
      .use(accountAdmin(deps))
      .use(accountsAdmin(deps))
      // accounts: invitations, reset links, roles
      .use(invitesAdmin(deps))
      .use(rolesAdmin(deps))
      .use(accountLinksController(deps))
      // people
      .use(tokenBlockAdmin(deps))
      // caps: the charger page's "Refused" panel
      .use(refusalsAdmin(deps))
      // policies: access policies, their timetable, try a token
      .use(policiesAdmin(deps))
      // people admin pages: drivers, households, business accounts, groups, token edit, import
      .use(driversAdmin(deps))
      .use(householdsAdmin(deps))
      .use(businessAccountsAdmin(deps))
      .use(groupsAdmin(deps))
      .use(tokenEditAdmin(deps))
      .use(peopleImportAdmin(deps))
      // tariff-admin: the tariff editor with its preview, and the CDR pages
      .use(tariffsAdmin(deps))
      // price series: spot prices, their CSV upload and chart
      .use(priceSeriesAdmin(deps))
      .use(cdrsAdmin(deps))
      // billing admin: the seller profile and billing runs, invoices, buyers' invoicing details
      .use(billingPages(deps))
      .get('/', home)
      .get('/admin', home)
  )
}
