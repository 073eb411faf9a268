import type { Deps } from '@src/deps'
import { IMPORT_COLUMNS } from '@src/domain/people/csv-import'
import type { Scope } from '@src/domain/tenancy/scope'
import type { ImportReport } from '@src/services/people-import'
import { type ImportReportView, PeopleImportPage } from '@views/admin/people-import'
import { Elysia } from 'elysia'
import { FORM_BODY_BYTES } from '../body-limit'
import { requireOperator } from './auth'
import { orgChoices } from './people-forms'
import { formFields, html } from './render'

/** How each total of a report reads. */
const COUNT_LABELS: Record<keyof ImportReport['counts'], string> = {
  householdsCreated: 'households created',
  householdsUpdated: 'households changed',
  driversCreated: 'drivers created',
  driversUpdated: 'drivers changed',
  tokensCreated: 'cards created',
  tokensUpdated: 'cards given to a driver',
  membershipsAdded: 'group memberships added',
  rowsRefused: 'rows refused',
}

/** A report as the page shows it (pure). */
export function reportView(r: ImportReport): ImportReportView {
  return {
    imported: r.imported,
    refused: r.refused,
    rows: r.rows.map((row) => ({ ...row })),
    errors: r.errors.map((e) => ({ line: e.line, errors: [...e.errors] })),
    counts: (Object.keys(COUNT_LABELS) as (keyof ImportReport['counts'])[]).map((k) => [
      COUNT_LABELS[k],
      r.counts[k],
    ]),
  }
}

/** The CSV of a post: an uploaded file when one was chosen, else the text field. */
async function csvOf(body: unknown, fields: Record<string, string>): Promise<string> {
  const file = (body as Record<string, unknown> | null)?.file
  if (file instanceof Blob && file.size > 0) return await file.text()
  return fields.text ?? ''
}

/**
 * `/admin/people/import`: a CSV uploaded or pasted is previewed with the import service's dry run
 * (each row's changes and each refused row's errors), then imported from the preview's own form, which
 * carries the file as a hidden field; so the whole file must fit the admin's form body limit.
 */
export function peopleImportAdmin(deps: Deps) {
  const page = async (
    scope: Scope,
    operator: string,
    over: { text?: string; organizationId?: string; strict?: boolean; error?: string; report?: ImportReport },
    status = 200,
  ) => {
    const orgs = await orgChoices(deps, scope, 'drivers:write')
    return html(
      PeopleImportPage({
        operator,
        columns: IMPORT_COLUMNS,
        orgs,
        text: over.text ?? '',
        organizationId: over.organizationId ?? orgs.own,
        strict: over.strict ?? true,
        maxBytes: FORM_BODY_BYTES,
        ...(over.error ? { error: over.error } : {}),
        ...(over.report ? { report: reportView(over.report) } : {}),
      }),
      status,
    )
  }

  return new Elysia({ prefix: '/admin' })
    .use(requireOperator(deps))
    .get('/people/import', ({ scope, operator }) => page(scope!, operator!.email, {}))
    .post('/people/import', async ({ body, scope, operator }) => {
      const fields = formFields(body)
      const text = await csvOf(body, fields)
      const strict = fields.strict === 'on'
      const organizationId = fields.organizationId?.trim() || undefined
      const kept = { text, strict, ...(organizationId ? { organizationId } : {}) }
      if (text.trim() === '')
        return page(scope!, operator!.email, { ...kept, error: 'Choose a file or paste its rows.' }, 400)
      const out = await deps.services.peopleImport.run(scope!, {
        text,
        strict,
        dryRun: fields.step !== 'import',
        ...(organizationId ? { organizationId } : {}),
      })
      if (!out.ok) return page(scope!, operator!.email, { ...kept, error: out.message }, out.status)
      const status = out.refused && fields.step === 'import' ? 422 : 200
      return page(
        scope!,
        operator!.email,
        { ...kept, organizationId: out.organizationId, report: out },
        status,
      )
    })
}
