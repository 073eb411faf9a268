import type { Deps } from '@src/deps'
import type { Scope } from '@src/domain/tenancy/scope'
import type { EditOutcome } from '@src/services/site-edits'
import type { FormState } from '@views/components'
import { Elysia } from 'elysia'
import { requireOperator } from './auth'
import { formFields } from './render'
import type { SiteForms } from './site-data'
import { parseCircuitForm, parseConnectorForm } from './site-form-input'
import { configAnswer } from './sites'

/** The form state after an edit: a notice when done (and an empty form), else the messages. */
function after(outcome: EditOutcome, values: Record<string, string>, notice: string): FormState {
  if (outcome.ok) return { values: {}, errors: {}, notice }
  return { values, errors: outcome.errors }
}

/** After a refused removal every message goes to the top of its card (the form is for adding). */
function afterRemoval(outcome: EditOutcome, notice: string): FormState {
  if (outcome.ok) return { values: {}, errors: {}, notice }
  return { values: {}, errors: { form: Object.values(outcome.errors).join('; ') } }
}

const statusOf = (outcome: EditOutcome) => (outcome.ok ? 200 : outcome.status)

/** A site's fuse tree from the site page's forms: its sub-circuits and the charger EVSEs each feeds. */
export function siteFuseTreeAdmin(deps: Deps) {
  const edits = deps.services.siteEdits
  type Ctx = {
    params: { id: string }
    headers: Record<string, string | undefined>
    operator?: { email: string }
    scope?: Scope
  }
  const answer = (ctx: Ctx, forms: SiteForms, status: number) =>
    configAnswer(
      deps,
      { headers: ctx.headers, operator: ctx.operator?.email ?? '', scope: ctx.scope! },
      ctx.params.id,
      forms,
      status,
    )
  return new Elysia({ prefix: '/admin/sites/:id' })
    .use(requireOperator(deps))
    .post('/circuits', async (ctx) => {
      const values = formFields(ctx.body)
      const form = parseCircuitForm(values)
      if (!form.ok) return answer(ctx, { circuit: { values, errors: form.errors } }, 400)
      const outcome = await edits.saveCircuit(ctx.scope!, ctx.params.id, form.data.id, form.data.circuit)
      return answer(
        ctx,
        { circuit: after(outcome, values, `Saved circuit ${form.data.id}.`) },
        statusOf(outcome),
      )
    })
    .post('/circuits/:circuitId/delete', async (ctx) => {
      const outcome = await edits.deleteCircuit(ctx.scope!, ctx.params.id, ctx.params.circuitId)
      const circuit = afterRemoval(outcome, `Removed circuit ${ctx.params.circuitId}.`)
      return answer(ctx, { circuit }, statusOf(outcome))
    })
    .post('/connectors', async (ctx) => {
      const values = formFields(ctx.body)
      const form = parseConnectorForm(values)
      if (!form.ok) return answer(ctx, { connector: { values, errors: form.errors } }, 400)
      const { chargerId, evseId, connector } = form.data
      const outcome = await edits.assignConnector(
        ctx.scope!,
        { siteId: ctx.params.id, chargerId, evseId },
        connector,
      )
      const notice = `${chargerId} EVSE ${evseId} is on this site.`
      return answer(ctx, { connector: after(outcome, values, notice) }, statusOf(outcome))
    })
    .post('/connectors/:chargerId/:evseId/delete', async (ctx) => {
      const at = {
        siteId: ctx.params.id,
        chargerId: ctx.params.chargerId,
        evseId: Number(ctx.params.evseId) || 0,
      }
      const outcome = await edits.unassignConnector(ctx.scope!, at)
      const connector = afterRemoval(outcome, `Took ${at.chargerId} EVSE ${at.evseId} off the site.`)
      return answer(ctx, { connector }, statusOf(outcome))
    })
}
