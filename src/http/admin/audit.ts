import type { AuditRow } from '@src/db/repos/audit'
import type { Deps } from '@src/deps'
import { AuditPage } from '@views/admin/audit'
import { Pager } from '@views/components'
import { Elysia } from 'elysia'
import { AUDIT_EXPORT_MAX } from '../api/audit'
import { auditCsv } from '../audit-export'
import { requireOperator } from './auth'
import { html } from './render'

const PAGE = 50
const DAY_MS = 86_400_000

/** A `YYYY-MM-DD` day as its UTC start, undefined when empty, NaN when not a date. */
function dayOf(v: unknown): number | undefined {
  const s = typeof v === 'string' ? v.trim() : ''
  if (!s) return undefined
  return /^\d{4}-\d{2}-\d{2}$/.test(s) ? Date.parse(`${s}T00:00:00Z`) : Number.NaN
}

/** The date filter of a query: from the start of `from` to the end of `to` (UTC days). */
function rangeOf(query: Record<string, unknown>) {
  const from = dayOf(query.from)
  const until = dayOf(query.to)
  const bad = Number.isNaN(from) || Number.isNaN(until)
  return {
    typed: { from: String(query.from ?? '').slice(0, 10), to: String(query.to ?? '').slice(0, 10) },
    error: bad ? 'enter dates as YYYY-MM-DD' : undefined,
    from: bad ? undefined : from,
    to: bad || until === undefined ? undefined : until + DAY_MS,
  }
}

const view = (r: AuditRow) => ({
  at: r.at,
  organizationId: r.organizationId,
  actor: r.actorLabel,
  action: r.action,
  entity: r.entity,
  entityId: r.entityId,
  before: r.before === null ? '' : JSON.stringify(r.before),
  after: r.after === null ? '' : JSON.stringify(r.after),
})

/** `/admin/audit` (paged, filtered by date) and `/admin/audit.csv`: the log of the caller's organizations. */
export function auditAdmin(deps: Deps) {
  const { audit } = deps.repos
  return new Elysia({ prefix: '/admin' })
    .use(requireOperator(deps))
    .get('/audit', async ({ query, operator, scope }) => {
      const range = rangeOf(query)
      const offset = Math.max(0, Math.floor(Number(query.offset ?? 0)) || 0)
      const { rows, total } = await audit.list(scope!, {
        from: range.from,
        to: range.to,
        limit: PAGE,
        offset,
      })
      const filter = new URLSearchParams(range.typed).toString()
      const pager = Pager({ total, limit: PAGE, offset, href: (o) => `/admin/audit?${filter}&offset=${o}` })
      return html(
        AuditPage({
          operator: operator!.email,
          rows: rows.map(view),
          pager,
          filter: { ...range.typed, error: range.error },
          csvHref: `/admin/audit.csv?${filter}`,
        }),
      )
    })
    .get('/audit.csv', async ({ query, scope }) => {
      const range = rangeOf(query)
      const { rows } = await audit.list(scope!, {
        from: range.from,
        to: range.to,
        limit: AUDIT_EXPORT_MAX,
        offset: 0,
        oldestFirst: true,
      })
      return new Response(auditCsv(rows), {
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': 'attachment; filename="audit.csv"',
        },
      })
    })
}
