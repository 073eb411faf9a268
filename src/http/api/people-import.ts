import type { Deps } from '@src/deps'
import { Elysia } from 'elysia'
import { z } from 'zod'
import { apiScoped, refused } from './guard'

const flag = z.enum(['true', 'false']).default('true')

/**
 * `POST /api/v1/people/import` (a CSV body, the board's list of apartments and cards) and
 * `GET /api/v1/drivers.csv` (the export, in the same columns).
 */
export function peopleImportApi(deps: Deps) {
  const { peopleImport, peopleExport } = deps.services
  return new Elysia({ detail: { tags: ['Drivers'] } })
    .use(apiScoped(deps))
    .post(
      '/people/import',
      async ({ body, query, set, scope }) => {
        const out = await peopleImport.run(scope, {
          text: body,
          strict: query.strict === 'true',
          dryRun: query.dryRun === 'true',
          ...(query.organizationId ? { organizationId: query.organizationId } : {}),
        })
        if (!out.ok) return refused(set, out)
        if (out.refused) set.status = 422
        return out
      },
      {
        parse: 'text',
        body: z.string(),
        query: z.object({
          dryRun: flag,
          strict: flag,
          organizationId: z.string().min(1).max(64).optional(),
        }),
        detail: {
          summary:
            'Import drivers, apartments, tokens and group memberships from CSV (Content-Type: text/csv)',
          description:
            'Columns: apartment, parking_space, name (required), email, phone, token_uid, token_type, group; "," or ";" separated, BOM allowed. dryRun=true (default) previews; strict=true (default) imports nothing when any row has an error (422). The answer lists what each row does and every refused row by line. Importing the same file again changes nothing.',
        },
      },
    )
    .get(
      '/drivers.csv',
      async ({ scope }) =>
        new Response(await peopleExport.csv(scope), {
          headers: {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': 'attachment; filename="drivers.csv"',
          },
        }),
      {
        detail: {
          summary: 'Export drivers with apartment, parking space, tokens and groups (re-importable CSV)',
        },
      },
    )
}
