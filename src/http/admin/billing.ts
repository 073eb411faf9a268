import { PLATFORM_ORG } from '@src/db/schema'
import type { Deps } from '@src/deps'
import { previousMonth } from '@src/domain/invoices/billing-period'
import { DEFAULT_TIME_ZONE } from '@src/domain/site/time-zone'
import { ownerFor } from '@src/domain/tenancy/ownership'
import { can, type Scope } from '@src/domain/tenancy/scope'
import { BillingPage, ProfileForm, RunForm } from '@views/admin/billing'
import type { BillingChoice, RunReportView } from '@views/admin/billing-models'
import type { FormState } from '@views/components'
import { Pager } from '@views/components'
import { Elysia } from 'elysia'
import { requireOperator, wantsFragment } from './auth'
import { parseMonth, parseProfileForm, profileFormValues } from './billing-form-input'
import { runItemView, runReportView } from './invoice-views'
import { formFields, html } from './render'

const RUNS = 20

/**
 * `/admin/billing`: an organization's seller profile (what its invoices say about the seller), "run
 * billing for month" with the run's report (invoices issued, their totals, the CDRs left out and why,
 * linked), and the billing runs so far. Reading needs `billing:read`; saving the profile and running
 * billing `billing:write` in the organization named by the form, checked by the scope, so a form
 * naming another tenant's organization is refused. The work is the billing services'.
 */
export function billingAdmin(deps: Deps) {
  const { invoices } = deps.scoped
  const { billingProfiles, billingRuns } = deps.services
  /** The organizations whose billing the scope may read, and the one asked for (else the first). */
  const organizationsOf = async (scope: Scope, asked: unknown) => {
    const orgs = (await deps.services.organizationEdits.list(scope))
      .filter((o) => can(scope, 'billing:read', o.id))
      .map((o): BillingChoice => ({ value: o.id, label: o.name === o.id ? o.id : `${o.name} (${o.id})` }))
    const chosen = orgs.find((o) => o.value === asked)?.value ?? orgs[0]?.value ?? PLATFORM_ORG
    return { orgs, chosen }
  }
  const monthFor = async (scope: Scope, organizationId: string) => {
    const profile = await invoices.profile(scope, organizationId)
    return previousMonth(deps.clock.now(), profile?.timeZone ?? DEFAULT_TIME_ZONE)
  }
  const page = async (
    scope: Scope,
    operator: string,
    asked: unknown,
    query: Record<string, unknown>,
    parts: { profile?: FormState; run?: FormState; report?: RunReportView } = {},
    status = 200,
  ) => {
    const { orgs, chosen } = await organizationsOf(scope, asked)
    const offset = Math.max(0, Number(query.offset ?? 0) || 0)
    const [profile, month, runs] = await Promise.all([
      invoices.profile(scope, chosen),
      monthFor(scope, chosen),
      invoices.runs(scope, { limit: RUNS, offset }),
    ])
    const zone = profile?.timeZone ?? DEFAULT_TIME_ZONE
    return html(
      BillingPage({
        operator,
        organizations: orgs,
        organizationId: chosen,
        canWrite: can(scope, 'billing:write', chosen),
        profile: parts.profile ?? { values: profileFormValues(profile), errors: {} },
        run: parts.run ?? { values: { month }, errors: {} },
        report: parts.report,
        runs: runs.rows.map((r) => runItemView(r, zone)),
        pager: Pager({
          total: runs.total,
          limit: RUNS,
          offset,
          href: (o) => `/admin/billing?${new URLSearchParams({ org: chosen, offset: String(o) })}`,
        }),
      }),
      status,
    )
  }
  /** The organization a post names, if the scope may write its billing; else the message why not. */
  const writable = (scope: Scope, named: string | undefined) =>
    ownerFor(scope, 'billing:write', named || undefined, PLATFORM_ORG)

  return new Elysia({ prefix: '/admin/billing' })
    .use(requireOperator(deps))
    .get('', ({ query, scope, operator }) => page(scope!, operator!.email, query.org, query))
    .post('/profile', async ({ body, headers, scope, operator }) => {
      const values = formFields(body)
      const owner = writable(scope!, values.organizationId)
      const answer = (form: FormState, organizationId: string, status: number) =>
        wantsFragment(headers)
          ? html(ProfileForm({ organizationId, form, canWrite: true }), status)
          : page(scope!, operator!.email, organizationId, {}, { profile: form }, status)
      if (!owner.ok) return html(Bun.escapeHTML(owner.message), 403)
      const parsed = parseProfileForm(values)
      if (!parsed.ok) return answer({ values, errors: parsed.errors }, owner.organizationId, 400)
      const row = await billingProfiles.put(scope!, owner.organizationId, parsed.data)
      return answer(
        { values: profileFormValues(row), errors: {}, notice: 'Profile saved.' },
        owner.organizationId,
        200,
      )
    })
    .post('/runs', async ({ body, headers, scope, operator }) => {
      const values = formFields(body)
      const owner = writable(scope!, values.organizationId)
      if (!owner.ok) return html(Bun.escapeHTML(owner.message), 403)
      const organizationId = owner.organizationId
      const answer = (form: FormState, status: number, report?: RunReportView) =>
        wantsFragment(headers)
          ? html(RunForm({ organizationId, form, canWrite: true, report }), status)
          : page(
              scope!,
              operator!.email,
              organizationId,
              {},
              { run: form, ...(report ? { report } : {}) },
              status,
            )
      const month = parseMonth(values.month ?? '')
      if (!month.ok) return answer({ values, errors: month.errors }, 400)
      const report = await billingRuns.run(scope!, organizationId, month.data)
      const { sums } = await invoices.keyPage(scope!, { runId: report.id, limit: 1 })
      const view = runReportView(
        {
          id: report.id,
          periodStart: report.periodStart,
          periodEnd: report.periodEnd,
          outcome: report.outcome,
          invoices: report.invoiceIds.length,
          report: {
            unbilled: report.unbilled,
            deferred: report.deferred,
            ...(report.error && { error: report.error }),
          },
        },
        sums,
      )
      return answer(
        { values: { month: month.data }, errors: {} },
        report.outcome === 'done' ? 200 : 409,
        view,
      )
    })
}
