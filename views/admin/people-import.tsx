import { Field } from '../components'
import { Layout } from '../layout'
import { FormMessages, type OrgChoice, OrgPicker, PeopleTabs } from './people-tabs'

/** What one row of the file does (or why it is refused), as the preview lists it. */
export interface ImportRowView {
  line: number
  name: string
  apartment: string | null
  tokenUid: string | null
  changes: string[]
}

/** A preview or the outcome of an import. */
export interface ImportReportView {
  /** True when the changes were written. */
  imported: boolean
  /** Why nothing was (or would be) written, if so. */
  refused: string | null
  rows: ImportRowView[]
  errors: { line: number; errors: string[] }[]
  /** Totals, labelled: `['drivers created', 3]`. */
  counts: [string, number][]
}

/** Everything the import page shows. */
export interface PeopleImportProps {
  operator: string
  columns: readonly string[]
  orgs: { choices: OrgChoice[]; own: string }
  /** The CSV text as typed or uploaded (kept on an error, carried to the import after a preview). */
  text: string
  organizationId: string
  strict: boolean
  /** The largest file the form takes. */
  maxBytes: number
  error?: string
  report?: ImportReportView
}

/**
 * The CSV import in two steps: upload or paste a file and see what each row will do (and every row's
 * errors), then import it. The file travels in the second form as a hidden field, so nothing is
 * stored between the steps.
 */
export function PeopleImportPage(p: PeopleImportProps) {
  const r = p.report
  return (
    <Layout title="Import people" operator={p.operator} active="people">
      <PeopleTabs active="import" />
      <h1>Import and export</h1>
      <section class="card" id="export">
        <h2>Export</h2>
        <p>
          <a href="/admin/people.csv">Download drivers, apartments, cards and groups (CSV)</a>, in the
          import's columns: edit it and import it again.
        </p>
      </section>
      {r ? <ImportReport report={r} /> : ''}
      {r && !r.imported && r.rows.length + r.errors.length > 0 ? (
        <section class="card" id="import-confirm">
          <h2>Import this file</h2>
          <form method="post" action="/admin/people/import" enctype="multipart/form-data" class="inline">
            <input type="hidden" name="step" value="import" />
            <input type="hidden" name="text" value={p.text} />
            <input type="hidden" name="organizationId" value={p.organizationId} />
            <label class="check">
              <input type="checkbox" name="strict" value="on" checked={p.strict} />
              Strict: import nothing if any row has an error
            </label>
            <button type="submit" class="primary">
              Import
            </button>
          </form>
        </section>
      ) : (
        ''
      )}
      <section class="card" id="import-upload">
        <h2>{r ? 'Preview another file' : 'Import a CSV file'}</h2>
        <p class="muted" safe>
          {`Columns: ${p.columns.join(', ')} (name required; "," or ";" separated). Importing the same file again changes nothing.`}
        </p>
        <FormMessages errors={p.error ? { form: p.error } : {}} />
        <form method="post" action="/admin/people/import" enctype="multipart/form-data">
          <input type="hidden" name="step" value="preview" />
          <Field
            label="A file"
            name="file"
            hint={`at most ${Math.floor(p.maxBytes / 1024)} KB; larger files through the API`}
          >
            <input type="file" name="file" accept=".csv,text/csv" />
          </Field>
          <Field label="or the rows pasted here" name="text">
            <textarea name="text" rows="8" cols="80" safe>
              {r ? '' : p.text}
            </textarea>
          </Field>
          <OrgPicker choices={p.orgs.choices} value={p.organizationId || p.orgs.own} />
          <label class="check">
            <input type="checkbox" name="strict" value="on" checked={p.strict} />
            Strict: import nothing if any row has an error
          </label>
          <button type="submit" class="primary">
            Preview
          </button>
        </form>
      </section>
    </Layout>
  )
}

/** The preview or outcome: totals, what each row does, and the refused rows by line. */
function ImportReport(p: { report: ImportReportView }) {
  const r = p.report
  return (
    <section class="card" id="import-report">
      <h2>{r.imported ? 'Imported' : 'Preview: nothing is imported yet'}</h2>
      {r.refused ? (
        <p class="notice bad" role="status" safe>
          {r.refused}
        </p>
      ) : (
        ''
      )}
      <ul class="import-counts">
        {r.counts.map(([label, n]) => (
          <li safe>{`${n} ${label}`}</li>
        ))}
      </ul>
      {r.errors.length ? (
        <>
          <h3>Rows with errors</h3>
          <table id="import-errors">
            <thead>
              <tr>
                <th>Line</th>
                <th>Errors</th>
              </tr>
            </thead>
            <tbody>
              {r.errors.map((e) => (
                <tr>
                  <td>{e.line}</td>
                  <td safe>{e.errors.join(' ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        ''
      )}
      {r.rows.length ? (
        <>
          <h3>What each row does</h3>
          <table id="import-rows">
            <thead>
              <tr>
                <th>Line</th>
                <th>Name</th>
                <th>Apartment</th>
                <th>Card</th>
                <th>Changes</th>
              </tr>
            </thead>
            <tbody>
              {r.rows.map((row) => (
                <tr>
                  <td>{row.line}</td>
                  <td safe>{row.name}</td>
                  <td safe>{row.apartment ?? ''}</td>
                  <td class="mono" safe>
                    {row.tokenUid ?? ''}
                  </td>
                  <td safe>{changesText(row.changes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        ''
      )}
    </section>
  )
}

/** A row's changes in one line (names from the file among them: escaped where shown). */
function changesText(changes: readonly string[]): string {
  return changes.length ? changes.join('; ') : 'nothing: as the file says'
}
