import type { Deps } from '@src/deps'
import { Elysia } from 'elysia'
import { z } from 'zod'
import { auditCsv, auditJson } from '../audit-export'
import { apiScoped } from './guard'

/** The most entries one CSV export carries. */
export const AUDIT_EXPORT_MAX = 50_000

const range = {
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
}
const time = (v: string | undefined) => (v === undefined ? undefined : Date.parse(v))

/** `/api/v1/audit` and `/api/v1/audit.csv`: who changed what, in the key's organizations (`audit:read`). */
export function auditApi(deps: Deps) {
  const { audit } = deps.repos
  return new Elysia({ detail: { tags: ['Audit'] } })
    .use(apiScoped(deps))
    .get(
      '/audit',
      async ({ query, scope }) => {
        const { rows, total } = await audit.list(scope, {
          from: time(query.from),
          to: time(query.to),
          limit: query.limit,
          offset: query.offset,
        })
        return { items: rows.map(auditJson), total }
      },
      {
        query: z.object({
          ...range,
          limit: z.coerce.number().int().min(1).max(500).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        detail: { summary: 'The audit log, newest first, optionally within [from, to)' },
      },
    )
    .get(
      '/audit.csv',
      async ({ query, scope }) => {
        const { rows } = await audit.list(scope, {
          from: time(query.from),
          to: time(query.to),
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
      },
      { query: z.object(range), detail: { summary: 'The audit log as CSV, oldest first' } },
    )
}
