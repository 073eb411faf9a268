import type { Seen } from '@src/db/repos/seen'
import type { Deps } from '@src/deps'
import type { Scope } from '@src/domain/tenancy/scope'
import type { Edited } from '@src/services/people-input'
import { type FormState, Pager } from '@views/components'
import { Elysia } from 'elysia'
import type { z } from 'zod'
import { requireOperator } from './auth'
import { type CardOwner, saveCard } from './owner-cards'
import { offsetOf, pageHref, parseForm, refusalErrors, searchOf, seeOther } from './people-forms'
import { html } from './render'

/** Rows per page of a people list (drivers, households, business accounts, groups). */
export const PEOPLE_PAGE = 50

/** An empty form: nothing typed, no messages. */
export const blankForm = (): FormState => ({ values: {}, errors: {} })

/** What a list page reads from its query: the page to fetch, the search kept, and the pager under it. */
export interface ListPaging {
  page: { limit: number; offset: number; search: string }
  search: string
  pager: (total: number) => JSX.Element
}

/** The paging of a people list page at `path` from its query (`offset`, `search`). */
export function listPaging(path: string, query: Record<string, unknown>): ListPaging {
  const offset = offsetOf(query)
  const search = searchOf(query)
  return {
    page: { limit: PEOPLE_PAGE, offset, search },
    search,
    pager: (total) => Pager({ total, limit: PEOPLE_PAGE, offset, href: pageHref(path, search) }),
  }
}

/**
 * One kind of record with a list page (search, page, add) and a record page (edit, remove, and
 * optionally add a card): how to read, render and change it. `Over` is what the record page shows
 * besides the record itself (a form as typed with its messages, a refusal).
 */
export interface RecordSpec<Row extends { id: string; organizationId: string }, Input, Over> {
  /** The path under `/admin` (`drivers`) and how a person names one and many (`driver`, `drivers`). */
  path: string
  noun: string
  plural: string
  /** The add and edit form's schema, and the fields a refusal may be shown on. */
  input: z.ZodType<Input>
  fields: readonly string[]
  find: (scope: Scope, id: string) => Promise<Seen<Row> | undefined>
  /** The list page, with the add form as typed (and its status) after a refused add. */
  list: (
    scope: Scope,
    operator: string,
    query: Record<string, unknown>,
    form?: FormState,
    status?: number,
  ) => Promise<Response>
  /** The record page, with what it shows besides the record (none: the record's own values). */
  detail: (scope: Scope, operator: string, row: Seen<Row>, over?: Over, status?: number) => Promise<Response>
  create: (scope: Scope, input: Input) => Promise<Edited<{ id: string }>>
  update: (scope: Scope, row: Seen<Row>, input: Input) => Promise<Edited<unknown>>
  remove: (scope: Scope, id: string) => Promise<Edited<unknown>>
  /** The record page's over for its edit form as typed, and for a refused removal. */
  edited: (form: FormState) => Over
  removeRefused: (message: string) => Over
  /** Records that own cards: the owner kind, and the over for the card form as typed. */
  cards?: { kind: CardOwner['kind']; refused: (form: FormState) => Over }
}

/**
 * The routes every people controller shares, under `/admin/<path>`: GET the list, POST an add (a
 * bad form or a refusal re-renders the list with what was typed), GET a record, POST its edit, POST
 * its removal, and POST a card for it when the spec has `cards`. A refused change re-renders the
 * record page with the message and what was typed; success redirects to the record (or the list
 * after a removal). The controller chains its own routes on the returned instance, using `missing`
 * and `back` from {@link recordResponses}.
 */
export function recordPages<Row extends { id: string; organizationId: string }, Input, Over>(
  deps: Deps,
  spec: RecordSpec<Row, Input, Over>,
) {
  const base = `/${spec.path}`
  const { missing, back } = recordResponses(spec)
  const app = new Elysia({ prefix: '/admin' })
    .use(requireOperator(deps))
    .get(base, ({ query, scope, operator }) => spec.list(scope!, operator!.email, query))
    .post(base, async ({ body, query, scope, operator }) => {
      const form = parseForm(spec.input, body)
      if (!form.ok) return spec.list(scope!, operator!.email, query, form, 400)
      const out = await spec.create(scope!, form.data)
      if (!out.ok) {
        const typed = { values: form.values, errors: refusalErrors(out, spec.fields) }
        return spec.list(scope!, operator!.email, query, typed, out.status)
      }
      return back(out.row.id)
    })
    .get(`${base}/:id`, async ({ params, scope, operator }) => {
      const row = await spec.find(scope!, params.id)
      return row ? spec.detail(scope!, operator!.email, row) : missing(params.id)
    })
    .post(`${base}/:id`, async ({ params, body, scope, operator }) => {
      const row = await spec.find(scope!, params.id)
      if (!row) return missing(params.id)
      const form = parseForm(spec.input, body)
      if (!form.ok) return spec.detail(scope!, operator!.email, row, spec.edited(form), 400)
      const out = await spec.update(scope!, row, form.data)
      if (!out.ok) {
        const typed = { values: form.values, errors: refusalErrors(out, spec.fields) }
        return spec.detail(scope!, operator!.email, row, spec.edited(typed), out.status)
      }
      return back(row.id)
    })
    .post(`${base}/:id/delete`, async ({ params, scope, operator }) => {
      const out = await spec.remove(scope!, params.id)
      if (out.ok) return seeOther(`/admin${base}`)
      const row = await spec.find(scope!, params.id)
      if (!row) return missing(params.id)
      return spec.detail(scope!, operator!.email, row, spec.removeRefused(out.message), out.status)
    })
  const cards = spec.cards
  if (!cards) return app
  return app.post(`${base}/:id/tokens`, async ({ params, body, scope, operator }) => {
    const row = await spec.find(scope!, params.id)
    if (!row) return missing(params.id)
    const owner = { organizationId: row.organizationId, kind: cards.kind, id: row.id }
    const out = await saveCard(deps, scope!, owner, body)
    if (!out.ok) return spec.detail(scope!, operator!.email, row, cards.refused(out.form), out.status)
    return back(row.id)
  })
}

/** A record's 404 page (with the way back to its list) and the redirect to its page. */
export function recordResponses(spec: { path: string; noun: string; plural: string }) {
  return {
    missing: (id: string) =>
      html(
        `<p>No ${spec.noun} ${Bun.escapeHTML(id)}. <a href="/admin/${spec.path}">Back to the ${spec.plural}</a></p>`,
        404,
      ),
    back: (id: string) => seeOther(`/admin/${spec.path}/${encodeURIComponent(id)}`),
  }
}
