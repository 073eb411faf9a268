import { openapi } from '@elysiajs/openapi'
import type { Deps } from '@src/deps'
import { Elysia } from 'elysia'
import { z } from 'zod'
import { accountsApi } from './accounts'
import { apiKeysApi } from './api-keys'
import { auditApi } from './audit'
import { billingProfileApi } from './billing-profile'
import { billingRunsApi } from './billing-runs'
import { cdrsApi } from './cdrs'
import { chargersApi } from './chargers'
import { departureApi } from './departure'
// energy margin
import { energyMarginApi } from './energy-margin'
import { groupsApi } from './groups'
import { apiKeyGuard } from './guard'
import { invitesApi } from './invites'
import { invoicesApi } from './invoices'
import { membershipsApi } from './memberships'
import { organizationsApi } from './organizations'
import { peopleApi } from './people'
import { peopleImportApi } from './people-import'
import { policiesApi } from './policies'
import { priceSeriesApi } from './price-series'
import { refusalsApi } from './refusals'
import { rolesApi } from './roles'
import { sessionsApi } from './sessions'
import { siteFuseTreeApi } from './site-fuse-tree'
import { siteReadingsApi } from './site-readings'
import { sitesApi } from './sites'
import { tariffsApi } from './tariffs'
import { tokensApi } from './tokens'
import { transactionsApi } from './transactions'

/**
 * The JSON Schema of a request's zod schema, as the client writes it (`io: 'input'`): a field that is
 * parsed on the way in (a time read into epoch ms) is described as what is sent, where the output
 * form would have no JSON Schema and zod would throw (which the OpenAPI plugin prints as a multi-line
 * warning, breaking the JSON log).
 */
const requestJsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input' })

/**
 * The REST API under `/api/v1` (bearer `CSMS_API_KEY`, checked before any body is read), described
 * by OpenAPI at `/api/v1/openapi.json`. Errors are `{ "error": { "code", "message" } }`.
 */
export function apiController(deps: Deps) {
  return new Elysia()
    .use(apiKeyGuard(deps, deps.config.ocppMaxFrameBytes))
    .use(
      openapi({
        provider: null,
        path: '/api/v1/openapi',
        specPath: '/api/v1/openapi.json',
        mapJsonSchema: { zod: requestJsonSchema },
        // a download route has a dot (`/invoices.csv`); the plugin leaves such paths out as static files
        exclude: { staticFile: false },
        documentation: {
          info: {
            title: 'CSMS REST API',
            version: '1',
            description: 'Chargers, tokens, transactions, commands and sites.',
          },
          components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
          security: [{ bearer: [] }],
        },
      }),
    )
    .group('/api/v1', (api) =>
      api
        .use(chargersApi(deps))
        .use(tokensApi(deps))
        .use(transactionsApi(deps))
        // sessions: the running sessions' live view
        .use(sessionsApi(deps))
        .use(departureApi(deps))
        .use(sitesApi(deps))
        .use(siteFuseTreeApi(deps))
        .use(siteReadingsApi(deps))
        .use(energyMarginApi(deps))
        .use(organizationsApi(deps))
        .use(apiKeysApi(deps))
        .use(auditApi(deps))
        .use(accountsApi(deps))
        // accounts: invitations, roles, memberships
        .use(invitesApi(deps))
        .use(rolesApi(deps))
        .use(membershipsApi(deps))
        // people
        .use(peopleApi(deps))
        .use(groupsApi(deps))
        .use(peopleImportApi(deps))
        // tariffs
        .use(tariffsApi(deps))
        // price series: spot prices a tariff can follow
        .use(priceSeriesApi(deps))
        .use(cdrsApi(deps))
        // caps: a charger's refusals
        .use(refusalsApi(deps))
        // policies: access policies and the access check
        .use(policiesApi(deps))
        // billing: runs, invoices and their documents, seller and buyer details
        .use(billingRunsApi(deps))
        .use(invoicesApi(deps))
        .use(billingProfileApi(deps)),
    )
}
