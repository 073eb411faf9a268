import type { Seen } from '@src/db/repos/seen'
import type { TokenRow } from '@src/db/repos/tokens'
import type { Deps } from '@src/deps'
import { tokenStatuses, tokenTypes } from '@src/domain/charger/tokens'
import type { Scope } from '@src/domain/tenancy/scope'
import { TokenEditPage } from '@views/admin/token-edit'
import type { FormState } from '@views/components'
import { Elysia } from 'elysia'
import { z } from 'zod'
import { requireOperator } from './auth'
import {
  businessChoices,
  driverChoices,
  groupChoices,
  householdChoices,
  utcInstant,
  utcLocal,
} from './people-choices'
import { parseForm, refusalErrors, seeOther, tickedIds } from './people-forms'
import { html } from './render'

const FIELDS = ['type', 'status', 'expiresAt', 'label', 'driverId', 'householdId', 'businessAccountId']
const owner = z.string().max(64).optional()
const tokenEditForm = z.object({
  type: z.enum(tokenTypes, 'Choose a type.'),
  status: z.enum(tokenStatuses, 'Choose a status.'),
  expiresAt: z.string().optional(),
  label: z.string().trim().max(100, 'At most 100 characters.').optional(),
  driverId: owner,
  householdId: owner,
  businessAccountId: owner,
})

const tokenValues = (t: TokenRow): Record<string, string> => ({
  type: t.type,
  status: t.status,
  expiresAt: utcLocal(t.expiresAt),
  label: t.label ?? '',
  driverId: t.driverId ?? '',
  householdId: t.householdId ?? '',
  businessAccountId: t.businessAccountId ?? '',
})

/**
 * `/admin/tokens/:uid`: one token's status, expiry, label, owner (a driver, household or business
 * account of its organization) and groups, changed through the token service.
 */
export function tokenEditAdmin(deps: Deps) {
  const page = async (
    scope: Scope,
    operator: string,
    t: Seen<TokenRow>,
    form: FormState,
    ticked: string[],
    status = 200,
  ) => {
    const org = t.organizationId
    const [drivers, households, businessAccounts, groups] = await Promise.all([
      driverChoices(deps, scope, org),
      householdChoices(deps, scope, org),
      businessChoices(deps, scope, org),
      groupChoices(deps, scope, org),
    ])
    return html(
      TokenEditPage({
        operator,
        token: { uid: t.uid, status: t.status },
        choices: { drivers, households, businessAccounts, groups },
        types: tokenTypes,
        statuses: tokenStatuses,
        form,
        ticked,
      }),
      status,
    )
  }
  const missing = (uid: string) =>
    html(`<p>No token ${Bun.escapeHTML(uid)}. <a href="/admin/tokens">Back to the tokens</a></p>`, 404)

  return new Elysia({ prefix: '/admin' })
    .use(requireOperator(deps))
    .get('/tokens/:uid', async ({ params, scope, operator }) => {
      const t = await deps.scoped.tokens.find(scope!, params.uid)
      if (!t) return missing(params.uid)
      const ticked = await deps.scoped.groups.groupsOf('token', t, t.uid)
      return page(scope!, operator!.email, t, { values: tokenValues(t), errors: {} }, ticked)
    })
    .post('/tokens/:uid', async ({ params, body, scope, operator }) => {
      const t = await deps.scoped.tokens.find(scope!, params.uid)
      if (!t) return missing(params.uid)
      const ticked = tickedIds(body, 'group_')
      const form = parseForm(tokenEditForm, body)
      if (!form.ok) return page(scope!, operator!.email, t, form, ticked, 400)
      const expiresAt = utcInstant(form.data.expiresAt)
      if (expiresAt === undefined)
        return page(
          scope!,
          operator!.email,
          t,
          { values: form.values, errors: { expiresAt: 'Enter a date and time.' } },
          ticked,
          400,
        )
      const out = await deps.services.tokenEdits.save(scope!, t.uid, {
        type: form.data.type,
        status: form.data.status,
        expiresAt,
        label: form.data.label || null,
        parentUid: t.parentUid,
        allowConcurrentTx: t.allowConcurrentTx,
        driverId: form.data.driverId || null,
        householdId: form.data.householdId || null,
        businessAccountId: form.data.businessAccountId || null,
        groupIds: ticked,
      })
      if (!out.ok)
        return page(
          scope!,
          operator!.email,
          t,
          { values: form.values, errors: refusalErrors(out, FIELDS) },
          ticked,
          out.status,
        )
      return seeOther(`/admin/tokens/${encodeURIComponent(t.uid)}`)
    })
}
