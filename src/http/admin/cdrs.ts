import type { CdrKey } from '@src/db/repos/cdrs'
import type { Deps } from '@src/deps'
import { DEFAULT_TIME_ZONE, zonedInstant } from '@src/domain/site/time-zone'
import { CdrPage, CdrsPage } from '@views/admin/cdrs'
import { Elysia } from 'elysia'
import { requireOperator } from './auth'
import { cdrDetailView, cdrItemView } from './cdr-views'
import { keyPageInfo } from './key-page'
import { html } from './render'

const PAGE = 50
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** A page key in a link: `{endedAt}~{id}`. */
const keyText = (c: CdrKey) => `${c.endedAt}~${c.id}`
function keyOf(v: unknown): CdrKey | undefined {
  const m = typeof v === 'string' ? /^(\d{1,15})~(.{1,39})$/.exec(v) : null
  return m ? { endedAt: Number(m[1]), id: m[2] as string } : undefined
}

/** A `YYYY-MM-DD` date's local midnight (plus `days`) in the default zone; undefined when it is no date. */
function midnight(text: string, days = 0): number | undefined {
  const m = DATE.exec(text)
  if (!m) return undefined
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days))
  if (Number.isNaN(d.getTime())) return undefined
  const t = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: 0, minute: 0 }
  return zonedInstant(t, DEFAULT_TIME_ZONE)
}

/** The list's filter read from the query: what was typed, a message per bad field, the repository's filter. */
function readFilter(q: Record<string, unknown>) {
  const text = (k: string) => (typeof q[k] === 'string' ? (q[k] as string).trim().slice(0, 48) : '')
  const values = { chargerId: text('chargerId'), from: text('from'), to: text('to') }
  const errors: Record<string, string> = {}
  const endedFrom = values.from === '' ? undefined : midnight(values.from)
  const endedBefore = values.to === '' ? undefined : midnight(values.to, 1)
  if (values.from !== '' && endedFrom === undefined) errors.from = 'Enter a date YYYY-MM-DD.'
  if (values.to !== '' && endedBefore === undefined) errors.to = 'Enter a date YYYY-MM-DD.'
  const filter = { chargerId: values.chargerId || undefined, endedFrom, endedBefore }
  return { values, errors, filter }
}

/**
 * `/admin/cdrs`: the charge detail records of the scope (`billing:read`, as the API's), newest first,
 * filtered by charger and end date (in the default zone, Europe/Stockholm), paged by key like the
 * chargers list, and one CDR with its lines
 * priced again by the same function from the stored readings, which is how the CDR got its total.
 * Read-only: CDRs never change.
 */
export function cdrsAdmin(deps: Deps) {
  const { cdrs } = deps.scoped
  return new Elysia({ prefix: '/admin/cdrs' })
    .use(requireOperator(deps))
    .get('', async ({ query, scope, operator }) => {
      const { values, errors, filter } = readFilter(query)
      const after = keyOf(query.after)
      const before = keyOf(query.before)
      const page = await cdrs.keyPage(scope!, {
        limit: PAGE,
        ...filter,
        ...(before ? { before } : after ? { after } : {}),
      })
      const info = keyPageInfo(page, query.offset, keyText)
      const status = Object.keys(errors).length > 0 ? 400 : 200
      return html(
        CdrsPage({
          operator: operator!.email,
          items: page.rows.map(cdrItemView),
          filter: { values, errors },
          page: info,
          limit: PAGE,
        }),
        status,
      )
    })
    .get('/:id', async ({ params, scope, operator }) => {
      const c = await cdrs.find(scope!, params.id)
      if (!c)
        return html(
          `<p>No CDR ${Bun.escapeHTML(params.id)}. <a href="/admin/cdrs">Back to the CDRs</a></p>`,
          404,
        )
      const tx = await cdrs.transactionOf(c)
      const cost = tx ? await deps.services.sessionCosts.costOf(tx) : null
      const priced = cost ? { version: cost.version.version, priced: cost.priced } : null
      return html(CdrPage({ operator: operator!.email, cdr: cdrDetailView(c, priced) }))
    })
}
