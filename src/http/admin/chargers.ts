import { sendChargerCommand } from '@actors/charger/client'
import type { WriteQuery } from '@src/db/writer'
import type { Deps } from '@src/deps'
import { chargerCommandSchema } from '@src/domain/charger/command-schema'
import { CHARGER_PASSWORD_MAX, CHARGER_PASSWORD_MIN, hashChargerPassword } from '@src/ocpp/charger-auth'
import { IDENTITY_RULE, isChargerId, MAX_IDENTITY_LENGTH } from '@src/ocpp/identity'
import { ChargerPage, SettingsForm } from '@views/admin/charger'
import { AddChargerForm, ChargersPage, ChargersTable } from '@views/admin/charger-list'
import { VariablesTable } from '@views/admin/charger-tables'
import { CommandResult } from '@views/admin/commands'
import { QrPage } from '@views/admin/qr'
import { Elysia } from 'elysia'
import QRCode from 'qrcode'
import { z } from 'zod'
import { connectorCode, connectorPath } from '../driver/connector-code'
import { requireOperator, wantsFragment } from './auth'
import { loadChargerPage } from './charger-data'
import { commandLabels, formToCommand } from './command-forms'
import { type ChargerListRequest, loadChargerList } from './list-data'
import { fieldErrors, formFields, html } from './render'
import { chargerSettings, variableView } from './view-models'

const password = z
  .string()
  .refine((p) => p === '' || (p.length >= CHARGER_PASSWORD_MIN && p.length <= CHARGER_PASSWORD_MAX), {
    message: `use ${CHARGER_PASSWORD_MIN} to ${CHARGER_PASSWORD_MAX} characters`,
  })
const addForm = z.object({
  id: z.string().refine(isChargerId, `use ${IDENTITY_RULE}`),
  label: z.string().max(100, 'at most 100 characters'),
  password,
  organizationId: z.string().max(64, 'at most 64 characters').default(''),
})
const settingsForm = z.object({
  label: z.string().max(100, 'at most 100 characters'),
  registration: z.enum(['Accepted', 'Pending', 'Rejected'], 'choose Accepted, Pending or Rejected'),
  password,
})

/** The list's query string: lenient, since people edit URLs; text beyond any sensible length is cut. */
function listRequest(query: Record<string, string | undefined>): ChargerListRequest {
  const key = (v: string | undefined) => (v ? v.slice(0, MAX_IDENTITY_LENGTH) : undefined)
  const offset = Math.floor(Number(query.offset ?? 0))
  return {
    search: String(query.search ?? '')
      .trim()
      .slice(0, 100),
    offset: Number.isSafeInteger(offset) && offset > 0 ? offset : 0,
    after: key(query.after),
    before: key(query.before),
  }
}

/** The chargers list, a charger's page, its settings and its commands. */
export function chargersAdmin(deps: Deps) {
  const { chargers } = deps.scoped
  const { audit } = deps.services
  /** A refusal of the scoped repository as the page answers it: 404 another tenant's, 403 read-only. */
  const refusedPage = (r: { status: number; message: string }) =>
    html(`<p>${Bun.escapeHTML(r.message)}. <a href="/admin/chargers">Back</a></p>`, r.status)
  return new Elysia({ prefix: '/admin/chargers' })
    .use(requireOperator(deps))
    .get('', async ({ query, headers, operator, scope }) => {
      const props = await loadChargerList(deps, scope!, operator!.email, listRequest(query))
      return html(wantsFragment(headers) ? ChargersTable(props) : ChargersPage(props))
    })
    .post('', async ({ body, headers, scope }) => {
      const values = formFields(body)
      const parsed = addForm.safeParse(values)
      if (!parsed.success)
        return html(AddChargerForm({ values, errors: fieldErrors(parsed.error.issues) }), 400)
      const { id, label } = parsed.data
      const allowed = await chargers.mayRegister(scope!, {
        id,
        organizationId: parsed.data.organizationId || undefined,
      })
      if (allowed.ok && allowed.before)
        return html(AddChargerForm({ values, errors: { id: `${id} is already registered` } }), 409)
      if (!allowed.ok) {
        const errors: Record<string, string> =
          allowed.status === 400 ? { organizationId: allowed.message } : { id: `${id} is already registered` }
        return html(AddChargerForm({ values, errors }), allowed.status === 400 ? 400 : 409)
      }
      const now = deps.clock.now()
      const hash = parsed.data.password ? await hashChargerPassword(parsed.data.password) : null
      await deps.writer.write([
        ...chargers.registerWithPassword(allowed, { id, label: label || null, now }, hash),
        audit.entry(scope!, {
          organizationId: allowed.organizationId,
          action: 'charger.registered',
          entity: 'charger',
          entityId: id,
          before: null,
          after: {
            id,
            label: label || null,
            passwordSet: hash !== null,
            organizationId: allowed.organizationId,
          },
        }),
      ])
      const href = `/admin/chargers/${encodeURIComponent(id)}`
      if (!wantsFragment(headers)) return new Response(null, { status: 303, headers: { location: href } })
      return html(AddChargerForm({ values: {}, errors: {}, notice: `Added ${id}. Point it at /ocpp/${id}.` }))
    })
    .get('/:id', async ({ params, operator, scope }) => {
      const props = await loadChargerPage(deps, scope!, params.id, operator!.email)
      if (!props)
        return html(`<p>No charger ${Bun.escapeHTML(params.id)}. <a href="/admin/chargers">Back</a></p>`, 404)
      return html(ChargerPage(props))
    })
    .get('/:id/qr', async ({ params, operator, request, scope }) => {
      const charger = await chargers.find(scope!, params.id)
      if (!charger) return html('<p>No such charger.</p>', 404)
      const base = deps.config.publicUrl ?? new URL(request.url).origin
      const evses = [
        ...new Set((await chargers.connectorsOf(charger)).map((c) => c.evseId).filter((e) => e > 0)),
      ]
      const items = await Promise.all(
        (evses.length ? evses : [1]).map(async (evseId) => {
          const url = `${base}${connectorPath(charger.id, evseId, await connectorCode(deps, charger.id, evseId))}`
          return { evseId, url, svg: await QRCode.toString(url, { type: 'svg', margin: 1, width: 180 }) }
        }),
      )
      return html(QrPage({ operator: operator!.email, chargerId: charger.id, items }))
    })
    .get('/:id/variables', async ({ params, query, scope }) => {
      const charger = await chargers.find(scope!, params.id)
      if (!charger) return html('<p>No such charger.</p>', 404)
      const rows = await chargers.variables(charger, String(query.q ?? '').slice(0, 50), 200)
      return html(VariablesTable({ rows: rows.map(variableView) }))
    })
    .post('/:id/settings', async ({ params, body, scope }) => {
      const reached = await chargers.reach(scope!, params.id, 'chargers:write')
      if (!reached.ok) return refusedPage(reached)
      const charger = reached.row
      const values = formFields(body)
      const parsed = settingsForm.safeParse(values)
      if (!parsed.success)
        return html(
          SettingsForm({ charger: chargerSettings(charger), errors: fieldErrors(parsed.error.issues) }),
          400,
        )
      const now = deps.clock.now()
      const { label, registration } = parsed.data
      const writes: WriteQuery[] = [
        chargers.register(charger, { id: charger.id, label: label || null, registration, now }),
      ]
      let passwordSet = charger.passwordHash !== null
      if (values.clearPassword === '1') {
        writes.push(chargers.setPasswordHash(charger, null, now))
        passwordSet = false
      } else if (parsed.data.password) {
        writes.push(chargers.setPasswordHash(charger, await hashChargerPassword(parsed.data.password), now))
        passwordSet = true
      }
      writes.push(
        audit.entry(scope!, {
          organizationId: charger.organizationId,
          action: 'charger.updated',
          entity: 'charger',
          entityId: charger.id,
          before: chargerSettings(charger),
          after: { label: label || null, registration, passwordSet },
        }),
      )
      await deps.writer.write(writes)
      const saved = (await chargers.find(scope!, charger.id))!
      return html(SettingsForm({ charger: chargerSettings(saved), errors: {}, notice: 'Saved.' }))
    })
    .post('/:id/commands', async ({ params, body, scope }) => {
      const reached = await chargers.reach(scope!, params.id, 'chargers:command')
      if (!reached.ok) return refusedPage(reached)
      const raw = formToCommand(formFields(body), deps.clock.now())
      // Local lists: the list is the one compiled from the access policies, sent by its service.
      if (raw.type === 'sendLocalList') raw.entries = []
      const parsed = chargerCommandSchema.safeParse(raw)
      if (!parsed.success) {
        const detail = parsed.error.issues
          .map((i) => `${i.path.join('.') || 'command'}: ${i.message}`)
          .join('; ')
        return html(CommandResult({ label: 'Command', outcome: { status: 'Rejected', detail } }), 400)
      }
      const result =
        parsed.data.type === 'sendLocalList'
          ? await deps.services.localLists.sendNow(params.id)
          : await sendChargerCommand(deps.bus, params.id, parsed.data, deps.timeouts.requestMs)
      await deps.writer.write([
        audit.entry(scope!, {
          organizationId: reached.row.organizationId,
          action: `command.${parsed.data.type}`,
          entity: 'charger',
          entityId: params.id,
          before: null,
          after: { command: parsed.data.type, status: result.status },
        }),
      ])
      return html(CommandResult({ label: commandLabels[parsed.data.type], outcome: result }))
    })
}
