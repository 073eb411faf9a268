import type { BuyerDetailsRow, BuyerFacts } from '@src/db/repos/invoices'
import type { Reach } from '@src/db/repos/seen'
import type { Deps } from '@src/deps'
import type { Permission } from '@src/domain/tenancy/permissions'
import { can, type Scope } from '@src/domain/tenancy/scope'
import { BuyerBillingPage } from '@views/admin/buyer-billing'
import type { FormState } from '@views/components'
import { Elysia } from 'elysia'
import { requireOperator } from './auth'
import { parseBuyerForm } from './billing-form-input'
import { formFields, html } from './render'

/** The buyer kinds as the address names them, the billing kind and the people page each belongs to. */
const KINDS = {
  driver: { kind: 'driver', list: '/admin/drivers', label: 'Drivers' },
  household: { kind: 'household', list: '/admin/households', label: 'Households' },
  'business-account': {
    kind: 'businessAccount',
    list: '/admin/business-accounts',
    label: 'Business accounts',
  },
} as const satisfies Record<string, { kind: BuyerFacts['kind']; list: string; label: string }>
type UrlKind = keyof typeof KINDS

const isUrlKind = (k: string): k is UrlKind => Object.hasOwn(KINDS, k)
const notFound = (what: string) =>
  html(`<p>No ${Bun.escapeHTML(what)}. <a href="/admin/drivers">Back to the people</a></p>`, 404)

/** The details as the form's values (a new buyer's country: the seller's usual SE). */
const formValues = (d: BuyerDetailsRow | undefined): Record<string, string> => ({
  addressLines: d?.addressLines.join('\n') ?? '',
  country: d?.country ?? 'SE',
  vatNumber: d?.vatNumber ?? '',
})

/**
 * `/admin/buyers/:kind/:id/billing`: a driver's, household's or business account's invoicing details
 * (address, country, VAT number), linked from its page. Personal data: read with `drivers:read`,
 * changed with `drivers:write` on the buyer's own row (found through the scoped people repository).
 */
export function buyersAdmin(deps: Deps) {
  const { people, invoices } = deps.scoped
  const buyerOf = async (
    scope: Scope,
    kind: UrlKind,
    id: string,
    permission: Permission,
  ): Promise<Reach<{ id: string; name: string; organizationId: string }>> => {
    if (kind === 'driver') return people.reachDriver(scope, id, permission)
    if (kind === 'business-account') return people.reachBusinessAccount(scope, id, permission)
    const r = await people.reachHousehold(scope, id, permission)
    return r.ok ? { ok: true, row: { ...r.row, name: r.row.name ?? r.row.apartment } } : r
  }
  const page = (
    scope: Scope,
    operator: string,
    kind: UrlKind,
    buyer: { id: string; name: string; organizationId: string },
    form: FormState,
    status = 200,
  ) => {
    const href = `${KINDS[kind].list}/${encodeURIComponent(buyer.id)}`
    return html(
      BuyerBillingPage({
        operator,
        buyer: { kind, name: buyer.name, href, listHref: KINDS[kind].list, listLabel: KINDS[kind].label },
        action: `/admin/buyers/${kind}/${encodeURIComponent(buyer.id)}/billing`,
        form,
        canWrite: can(scope, 'drivers:write', buyer.organizationId),
      }),
      status,
    )
  }
  return new Elysia({ prefix: '/admin/buyers' })
    .use(requireOperator(deps))
    .get('/:kind/:id/billing', async ({ params, scope, operator }) => {
      if (!isUrlKind(params.kind)) return notFound(`kind of buyer ${params.kind}`)
      const r = await buyerOf(scope!, params.kind, params.id, 'drivers:read')
      if (!r.ok) return notFound(`${params.kind} ${params.id}`)
      const details = await invoices.buyerDetailsOf(KINDS[params.kind].kind, r.row)
      return page(scope!, operator!.email, params.kind, r.row, { values: formValues(details), errors: {} })
    })
    .post('/:kind/:id/billing', async ({ params, body, scope, operator }) => {
      if (!isUrlKind(params.kind)) return notFound(`kind of buyer ${params.kind}`)
      const r = await buyerOf(scope!, params.kind, params.id, 'drivers:write')
      if (!r.ok)
        return r.status === 404
          ? notFound(`${params.kind} ${params.id}`)
          : html(Bun.escapeHTML(r.message), 403)
      const values = formFields(body)
      const form = parseBuyerForm(values)
      if (!form.ok)
        return page(scope!, operator!.email, params.kind, r.row, { values, errors: form.errors }, 400)
      const row = await deps.services.billingProfiles.putBuyer(
        scope!,
        { kind: KINDS[params.kind].kind, id: r.row.id, organizationId: r.row.organizationId },
        form.data,
      )
      return page(scope!, operator!.email, params.kind, r.row, {
        values: formValues(row),
        errors: {},
        notice: 'Invoicing details saved.',
      })
    })
}
