import { policyOfRow } from '@src/db/repos/access-policies'
import type { Deps } from '@src/deps'
import { timetable } from '@src/domain/access/timetable'
import { canAnywhere, type Scope } from '@src/domain/tenancy/scope'
import type { PolicyRefusal } from '@src/services/policy-edits'
import { PoliciesPage, PolicyList, TryResult, type TryView } from '@views/admin/policies'
import { PolicyFormPage } from '@views/admin/policy-form'
import { TimetablePage } from '@views/admin/policy-timetable'
import { Elysia } from 'elysia'
import { requireOperator, wantsFragment } from './auth'
import { loadPolicyChoices, type PolicyChoices } from './policy-choices'
import {
  formFieldOf,
  instantOf,
  NEW_POLICY_VALUES,
  parsePolicyForm,
  pickValue,
  policyFormValues,
  WINDOW_ROWS,
} from './policy-form-input'
import { policyOrgViews, timetableView, tryAnswerView } from './policy-views'
import { formFields, html } from './render'

const notFoundPage = (id: string) =>
  html(`<p>No policy ${Bun.escapeHTML(id)}. <a href="/admin/policies">Back to the policies</a></p>`, 404)
const backToList = () => new Response(null, { status: 303, headers: { location: '/admin/policies' } })

/** The "try a token" query read into a check, or a message per field (nothing asked yet: no errors). */
function readTry(
  q: Record<string, string>,
  choices: PolicyChoices,
  now: number,
): { view: TryView; check?: { chargerId: string; evseId: number | null; uid: string; at: number } } {
  const values = {
    uid: (q.uid ?? '').trim().slice(0, 64),
    chargerId: (q.chargerId ?? '').trim().slice(0, 64),
    evseId: (q.evseId ?? '').trim(),
    at: (q.at ?? '').trim(),
  }
  const errors: Record<string, string> = {}
  if (!values.uid && !values.chargerId) return { view: { values, errors } }
  if (!values.uid) errors.uid = 'Enter the token (card) id.'
  if (!values.chargerId) errors.chargerId = 'Choose a charger.'
  const evseId = values.evseId === '' ? null : Number(values.evseId)
  if (evseId !== null && !(Number.isInteger(evseId) && evseId >= 1)) errors.evseId = 'An EVSE is 1 or more.'
  const at = instantOf(values.at, choices.zoneOf(pickValue('charger', values.chargerId)))
  if (at === undefined) errors.at = 'Enter a date and time, or leave it empty for now.'
  if (Object.keys(errors).length) return { view: { values, errors } }
  return { view: { values, errors }, check: { ...values, evseId, at: at ?? now } }
}

/** Errors of a refused edit keyed by the form's fields. */
const refusalErrors = (r: PolicyRefusal) => ({ [r.field ? formFieldOf(r.field) : 'form']: r.message })

/**
 * `/admin/policies`: the ordered policies with moves (htmx swaps the list), the new and edit forms,
 * deletion, a site's weekly timetable and "try a token" (what a charger would answer, with why).
 */
export function policiesAdmin(deps: Deps) {
  const { policies } = deps.scoped
  const edits = deps.services.policyEdits
  const listProps = async (scope: Scope, choices: PolicyChoices) => ({
    orgs: policyOrgViews((await policies.list(scope)).map(policyOfRow), choices),
    canWrite: canAnywhere(scope, 'policies:write'),
  })
  const listPage = async (
    scope: Scope,
    operator: string,
    extra: { notice?: string; error?: string; tryForm?: TryView },
    status = 200,
  ) => {
    const choices = await loadPolicyChoices(deps, scope)
    const tryForm = extra.tryForm ?? { values: {}, errors: {} }
    const props = await listProps(scope, choices)
    return html(PoliciesPage({ operator, ...props, ...extra, chargers: choices.chargers, tryForm }), status)
  }
  const listAnswer = async (
    scope: Scope,
    headers: Record<string, string | undefined>,
    extra: { notice?: string; error?: string },
    status = 200,
  ) => {
    if (!wantsFragment(headers))
      return status < 400 ? backToList() : html(Bun.escapeHTML(extra.error ?? ''), status)
    const choices = await loadPolicyChoices(deps, scope)
    return html(PolicyList({ ...(await listProps(scope, choices)), ...extra }), status)
  }
  const formPage = async (
    scope: Scope,
    operator: string,
    policyId: string | null,
    form: { values: Record<string, string>; errors: Record<string, string> },
    status = 200,
  ) => {
    const choices = await loadPolicyChoices(deps, scope)
    return html(PolicyFormPage({ operator, policyId, form, choices, windowRows: WINDOW_ROWS }), status)
  }
  return new Elysia({ prefix: '/admin/policies' })
    .use(requireOperator(deps))
    .get('', ({ scope, operator }) => listPage(scope!, operator!.email, {}))
    .get('/new', ({ scope, operator }) =>
      formPage(scope!, operator!.email, null, { values: NEW_POLICY_VALUES, errors: {} }),
    )
    .post('', async ({ body, scope, operator }) => {
      const values = formFields(body)
      const choices = await loadPolicyChoices(deps, scope!)
      const form = parsePolicyForm(values, choices.zoneOf)
      if (!form.ok) return formPage(scope!, operator!.email, null, { values, errors: form.errors }, 422)
      const out = await edits.create(scope!, form.input)
      if (!out.ok)
        return formPage(scope!, operator!.email, null, { values, errors: refusalErrors(out) }, out.status)
      return backToList()
    })
    .get('/timetable', async ({ query, scope, operator }) => {
      const choices = await loadPolicyChoices(deps, scope!)
      const siteId =
        typeof query.siteId === 'string' && query.siteId ? query.siteId : (choices.sites[0]?.value ?? '')
      const page = { operator: operator!.email, sites: choices.sites, siteId }
      const site = siteId ? await deps.scoped.sites.find(scope!, siteId) : undefined
      if (!site)
        return html(
          TimetablePage({ ...page, error: siteId ? `No site ${siteId}.` : undefined }),
          siteId ? 404 : 200,
        )
      const [rules, config] = await Promise.all([
        policies.rulesOf(site),
        deps.scoped.sites.config(scope!, site.id),
      ])
      if (!rules || !config) return html(TimetablePage({ ...page, error: `No site ${siteId}.` }), 404)
      const list = rules.policies.map(policyOfRow)
      const place = {
        siteId: site.id,
        organizationChain: rules.chain,
        chargerIds: [...new Set(config.connectors.map((c) => c.chargerId))],
      }
      const t = timetable(rules.access, place, list, deps.clock.now())
      const info = {
        id: site.id,
        name: site.name,
        timeZone: rules.access.timeZone,
        accessDefault: rules.access.accessDefault,
      }
      return html(TimetablePage({ ...page, table: timetableView(t, info, list, choices) }))
    })
    .get('/try', async ({ query, headers, scope, operator }) => {
      const choices = await loadPolicyChoices(deps, scope!)
      const q = Object.fromEntries(
        Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string'),
      )
      const { view, check } = readTry(q, choices, deps.clock.now())
      let status = Object.keys(view.errors).length ? 400 : 200
      if (check) {
        const out = await deps.services.accessCheck.check(scope!, check)
        if (out.ok)
          view.answer = tryAnswerView(
            out.answer,
            check.at,
            choices.zoneOf(pickValue('charger', check.chargerId)),
          )
        else {
          view.errors.chargerId = out.message
          status = 404
        }
      }
      if (wantsFragment(headers)) return html(TryResult({ tryForm: view }), status)
      return listPage(scope!, operator!.email, { tryForm: view }, status)
    })
    .get('/:id', async ({ params, scope, operator }) => {
      const row = await policies.find(scope!, params.id)
      if (!row) return notFoundPage(params.id)
      const p = policyOfRow(row)
      const choices = await loadPolicyChoices(deps, scope!)
      const zone = choices.zoneOf(pickValue(p.whereKind, p.whereId, p.whereSub))
      return formPage(scope!, operator!.email, p.id, { values: policyFormValues(p, zone), errors: {} })
    })
    .post('/:id', async ({ params, body, scope, operator }) => {
      const values = formFields(body)
      const reach = await policies.reach(scope!, params.id)
      if (!reach.ok)
        return reach.status === 404 ? notFoundPage(params.id) : html(Bun.escapeHTML(reach.message), 403)
      const choices = await loadPolicyChoices(deps, scope!)
      const form = parsePolicyForm(values, choices.zoneOf)
      if (!form.ok) return formPage(scope!, operator!.email, params.id, { values, errors: form.errors }, 422)
      const out = await edits.update(scope!, params.id, form.input)
      if (!out.ok)
        return formPage(
          scope!,
          operator!.email,
          params.id,
          { values, errors: refusalErrors(out) },
          out.status,
        )
      return backToList()
    })
    .post('/:id/move', async ({ params, body, headers, scope }) => {
      const direction = formFields(body).direction === 'down' ? 'down' : 'up'
      const out = await edits.move(scope!, params.id, { direction })
      if (!out.ok)
        return out.status === 404
          ? notFoundPage(params.id)
          : listAnswer(scope!, headers, { error: out.message }, out.status)
      return listAnswer(scope!, headers, { notice: `Moved "${out.policy.name}" to ${out.policy.position}.` })
    })
    .post('/:id/delete', async ({ params, headers, scope }) => {
      const out = await edits.remove(scope!, params.id)
      if (!out.ok)
        return out.status === 404
          ? notFoundPage(params.id)
          : listAnswer(scope!, headers, { error: out.message }, out.status)
      return listAnswer(scope!, headers, { notice: `Deleted "${out.policy.name}".` })
    })
}
