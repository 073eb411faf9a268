import type { Deps } from '@src/deps'
import type { Scope } from '@src/domain/tenancy/scope'
import { buyerDetailsInput, profileInput } from '@src/services/billing-input'
import { Elysia } from 'elysia'
import { z } from 'zod'
import { apiErrorSchema, apiErrors } from './error-schema'
import { apiScoped, notFound, refused } from './guard'
import { buyerDetailsJson, buyerDetailsSchema, profileJson, profileSchema } from './invoice-present'

const buyerParams = z.object({
  kind: z.enum(['driver', 'household', 'businessAccount'], {
    error: 'the buyer kind is driver, household or businessAccount',
  }),
  id: z.string().min(1).max(64),
})
type BuyerParams = z.infer<typeof buyerParams>
const writeErrors = { ...apiErrors, 404: apiErrorSchema, 413: apiErrorSchema }

/**
 * `/api/v1/billing-profile` (what the key's organization invoices under) and
 * `/api/v1/buyer-details/:kind/:id` (a driver's, household's or business account's invoicing address
 * and VAT number): read with `billing:read`, written with `billing:write`.
 */
export function billingProfileApi(deps: Deps) {
  const { invoices, people } = deps.scoped
  /** The buyer, if the scope sees it (people's `drivers:read`) and holds `permission` in its organization. */
  const reachBuyer = (scope: Scope, p: BuyerParams, permission: 'billing:read' | 'billing:write') =>
    p.kind === 'driver'
      ? people.reachDriver(scope, p.id, permission)
      : p.kind === 'household'
        ? people.reachHousehold(scope, p.id, permission)
        : people.reachBusinessAccount(scope, p.id, permission)
  return new Elysia({ detail: { tags: ['Billing'] } })
    .use(apiScoped(deps))
    .get(
      '/billing-profile',
      async ({ query, set, scope }) => {
        const seller = invoices.seller(scope, 'read', query.organizationId)
        if (!seller.ok) return refused(set, { status: 400, message: seller.message })
        const profile = await deps.services.billingProfiles.of(seller.organizationId)
        return profile
          ? profileJson(profile)
          : notFound(set, `organization ${seller.organizationId} has no billing profile yet`)
      },
      {
        query: z.object({ organizationId: z.string().min(1).max(64).optional() }),
        response: { 200: profileSchema, ...apiErrors, 404: apiErrorSchema },
        detail: { summary: "The seller's billing profile (organizationId: default the key's only one)" },
      },
    )
    .put(
      '/billing-profile',
      async ({ body, set, scope }) => {
        const { organizationId, ...input } = body
        const seller = invoices.seller(scope, 'write', organizationId)
        if (!seller.ok) return refused(set, { status: 400, message: seller.message })
        return profileJson(await deps.services.billingProfiles.put(scope, seller.organizationId, input))
      },
      {
        body: profileInput,
        response: { 200: profileSchema, ...writeErrors },
        detail: {
          summary: 'Write the seller’s billing profile: legal name, numbers, address, terms, prefix, zone',
          description:
            'Body: {"legalName":"BRF Eken","companyNumber":"769600-1234","vatNumber":"SE769600123401","addressLines":["Ekvägen 1","123 45 Stockholm"],"country":"SE","bankgiro":"123-4567","paymentTermsDays":30,"invoicePrefix":"2026-","language":"sv","currency":"SEK","timeZone":"Europe/Stockholm"}',
        },
      },
    )
    .get(
      '/buyer-details/:kind/:id',
      async ({ params, set, scope }) => {
        const buyer = await reachBuyer(scope, params, 'billing:read')
        if (!buyer.ok) return buyer.status === 404 ? notFound(set, buyer.message) : refused(set, buyer)
        const ref = { kind: params.kind, id: params.id, organizationId: buyer.row.organizationId }
        return buyerDetailsJson(ref, await deps.services.billingProfiles.buyerOf(params.kind, params.id))
      },
      {
        params: buyerParams,
        response: { 200: buyerDetailsSchema, ...apiErrors, 404: apiErrorSchema },
        detail: { summary: "A buyer's invoicing details (null when it has none yet)" },
      },
    )
    .put(
      '/buyer-details/:kind/:id',
      async ({ params, body, set, scope }) => {
        const buyer = await reachBuyer(scope, params, 'billing:write')
        if (!buyer.ok) return refused(set, buyer)
        const ref = { kind: params.kind, id: params.id, organizationId: buyer.row.organizationId }
        return buyerDetailsJson(ref, await deps.services.billingProfiles.putBuyer(scope, ref, body))
      },
      {
        params: buyerParams,
        body: buyerDetailsInput,
        response: { 200: buyerDetailsSchema, ...writeErrors, 403: apiErrorSchema },
        detail: {
          summary: "Write a buyer's invoicing address, country and VAT number",
          description:
            'Body: {"addressLines":["Hauptstraße 1","80331 München"],"country":"DE","vatNumber":"DE123456789"}: a business abroad in the EU with a VAT number is reverse-charged.',
        },
      },
    )
}
