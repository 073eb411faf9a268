import type { Deps } from '@src/deps'
import { MAX_TOKEN_ID, tokenStatuses, tokenTypes } from '@src/domain/charger/tokens'
import { TokenForm, TokensPage } from '@views/admin/tokens'
import { TransactionPage, TransactionsPage } from '@views/admin/transaction'
import { Pager } from '@views/components'
import { Elysia } from 'elysia'
import { z } from 'zod'
import { tokenJson } from '../api/present'
import { requireOperator, wantsFragment } from './auth'
import { seriesPoints } from './charger-data'
import { fieldErrors, formFields, html } from './render'
import { meterValueView, tokenView, transactionDetail, transactionView } from './view-models'

const PAGE = 50
const tokenForm = z.object({
  uid: z
    .string()
    .trim()
    .min(1, 'enter the id the charger reads')
    .max(MAX_TOKEN_ID, `at most ${MAX_TOKEN_ID} characters`),
  type: z.enum(tokenTypes, 'choose a type'),
  status: z.enum(tokenStatuses, 'choose a status'),
  label: z.string().max(100, 'at most 100 characters'),
  organizationId: z.string().max(64, 'at most 64 characters').default(''),
})

/** Transactions and tokens pages. */
export function recordsAdmin(deps: Deps) {
  const { transactions, tokens } = deps.scoped
  const { audit } = deps.services
  const offsetOf = (q: Record<string, unknown>) => Math.max(0, Number(q.offset ?? 0) || 0)
  return new Elysia({ prefix: '/admin' })
    .use(requireOperator(deps))
    .get('/transactions', async ({ query, operator, scope }) => {
      const offset = offsetOf(query)
      const { rows, total } = await transactions.list(scope!, { limit: PAGE, offset })
      const pager = Pager({ total, limit: PAGE, offset, href: (o) => `/admin/transactions?offset=${o}` })
      return html(
        TransactionsPage({
          operator: operator!.email,
          now: deps.clock.now(),
          rows: rows.map(transactionView),
          total,
          pager,
        }),
      )
    })
    .get('/transactions/:id', async ({ params, operator, scope }) => {
      const tx = await transactions.find(scope!, Number(params.id) || 0)
      if (!tx) return html('<p>No such transaction. <a href="/admin/transactions">Back</a></p>', 404)
      const [values, energy] = await Promise.all([
        transactions.meterValuesOf(tx, 500),
        seriesPoints(deps, tx, 'Energy.Active.Import.Register', (tx.meterStartWh ?? 0) / 1000),
      ])
      return html(
        TransactionPage({
          operator: operator!.email,
          now: deps.clock.now(),
          tx: transactionDetail(tx),
          values: values.map(meterValueView),
          energy,
        }),
      )
    })
    .get('/tokens', async ({ query, operator, scope }) => {
      const offset = offsetOf(query)
      const search = typeof query.search === 'string' ? query.search.slice(0, 100) : ''
      const { rows, total } = await tokens.list(scope!, { limit: PAGE, offset, search })
      const q = search ? `search=${encodeURIComponent(search)}&` : ''
      const pager = Pager({ total, limit: PAGE, offset, href: (o) => `/admin/tokens?${q}offset=${o}` })
      return html(
        TokensPage({
          operator: operator!.email,
          rows: rows.map(tokenView),
          pager,
          search,
          form: { values: {}, errors: {} },
        }),
      )
    })
    .post('/tokens', async ({ body, headers, scope }) => {
      const values = formFields(body)
      const parsed = tokenForm.safeParse(values)
      if (!parsed.success) return html(TokenForm({ values, errors: fieldErrors(parsed.error.issues) }), 400)
      const { uid, type, status, label, organizationId } = parsed.data
      const allowed = await tokens.mayWrite(scope!, uid, organizationId || undefined)
      if (!allowed.ok) {
        const field = allowed.status === 400 ? 'organizationId' : 'uid'
        return html(TokenForm({ values, errors: { [field]: allowed.message } }), allowed.status)
      }
      const existing = allowed.before
      const input = { ...existing, type, status, label: label || null }
      await deps.writer.write([
        tokens.upsert(allowed, uid, input, deps.clock.now()),
        audit.entry(scope!, {
          organizationId: allowed.organizationId,
          action: existing ? 'token.updated' : 'token.created',
          entity: 'token',
          entityId: uid,
          before: existing ? tokenJson(existing) : null,
          after: { uid, type, status, label: label || null, organizationId: allowed.organizationId },
        }),
      ])
      deps.services.accessChanges.changed(allowed.organizationId)
      if (!wantsFragment(headers))
        return new Response(null, { status: 303, headers: { location: '/admin/tokens' } })
      return html(
        TokenForm({
          values: {},
          errors: {},
          notice: `${existing ? 'Updated' : 'Added'} ${uid}. Reload to see it in the list.`,
        }),
      )
    })
}
