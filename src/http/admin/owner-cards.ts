import type { Deps } from '@src/deps'
import { MAX_TOKEN_ID, tokenTypes } from '@src/domain/charger/tokens'
import type { Scope } from '@src/domain/tenancy/scope'
import type { FormState } from '@views/components'
import { z } from 'zod'
import { utcInstant } from './people-choices'
import { parseForm, refusalErrors, tickedIds } from './people-forms'

const cardForm = z.object({
  uid: z
    .string()
    .trim()
    .min(1, 'Enter the id the charger reads.')
    .max(MAX_TOKEN_ID, `At most ${MAX_TOKEN_ID} characters.`),
  type: z.enum(tokenTypes, 'Choose a type.'),
  expiresAt: z.string().optional(),
})

/** Whose card it becomes: a driver, a household or a business account (a row the caller has seen). */
export interface CardOwner {
  organizationId: string
  kind: 'driver' | 'household' | 'business'
  id: string
}

const ownerField = { driver: 'driverId', household: 'householdId', business: 'businessAccountId' } as const

/**
 * The "Add a card" form of a driver's, household's or business account's page: a new card (Accepted),
 * or an existing one of the organization given to this owner with its status and label kept; its
 * groups are the ticked ones. The token service checks the rest; a refusal is the form's message.
 */
export async function saveCard(
  deps: Deps,
  scope: Scope,
  owner: CardOwner,
  body: unknown,
): Promise<{ ok: true } | { ok: false; status: number; form: FormState }> {
  const form = parseForm(cardForm, body)
  if (!form.ok) return { ok: false, status: 400, form }
  const expiresAt = utcInstant(form.data.expiresAt)
  if (expiresAt === undefined)
    return {
      ok: false,
      status: 400,
      form: { values: form.values, errors: { expiresAt: 'Enter a date and time.' } },
    }
  const before = await deps.scoped.tokens.find(scope, form.data.uid)
  const out = await deps.services.tokenEdits.save(scope, form.data.uid, {
    type: form.data.type,
    status: before?.status ?? 'Accepted',
    expiresAt,
    label: before?.label ?? null,
    parentUid: before?.parentUid ?? null,
    organizationId: owner.organizationId,
    [ownerField[owner.kind]]: owner.id,
    groupIds: tickedIds(body, 'group_'),
  })
  if (out.ok) return { ok: true }
  return {
    ok: false,
    status: out.status,
    form: { values: form.values, errors: refusalErrors(out, ['uid', 'type', 'expiresAt']) },
  }
}
