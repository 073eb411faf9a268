import type { PriceGroupRow, TariffRow, TariffVersionRow } from '@src/db/repos/tariffs'
import type { Deps } from '@src/deps'
import { tariffInput } from '@src/services/tariff-edits'
import { previewInput } from '@src/services/tariff-previews'
import { Elysia } from 'elysia'
import { z } from 'zod'
import { pricedJson, pricedSchema } from './cost-present'
import { apiErrorSchema, apiErrors } from './error-schema'
import { apiScoped, notFound, refused } from './guard'

const idParam = z.object({ id: z.string().min(1).max(36) })
const iso = (ms: number) => new Date(ms).toISOString()
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms))

const instant = z.iso.datetime()
const roundingSchema = z.object({
  scale: z.number().int(),
  mode: z.enum(['halfUp', 'halfEven']),
  level: z.enum(['total', 'component']),
})
/** A tariff in a response: with its current OCPI body and rounding where the route shows them. */
const tariffSchema = z.object({
  id: z.string(),
  organizationId: z.string(),
  name: z.string(),
  currentVersion: z.number().int(),
  archivedAt: instant.nullable(),
  createdAt: instant,
  updatedAt: instant,
  tariff: z.unknown().optional(),
  rounding: roundingSchema.optional(),
})
/** One version's facts, without its body (the list in GET /tariffs/:id). */
const versionFactsSchema = z.object({ version: z.number().int(), createdAt: instant, createdBy: z.string() })
/** One version of a tariff: its OCPI body and rounding. */
const versionSchema = versionFactsSchema.extend({ tariff: z.unknown(), rounding: roundingSchema })
const priceGroupSchema = z.object({
  organizationId: z.string(),
  name: z.string(),
  tariffId: z.string(),
  updatedAt: instant,
})
const ocpiPriceSchema = z.object({ excl_vat: z.number(), incl_vat: z.number().optional() })
/** The priced parts of an OCPI CDR, as a preview answers them (`cdrPricing`). */
const cdrPricingSchema = z.object({
  currency: z.string(),
  tariffs: z.array(z.unknown()),
  charging_periods: z.array(
    z.object({
      start_date_time: z.string(),
      dimensions: z.array(z.object({ type: z.enum(['ENERGY', 'TIME', 'PARKING_TIME']), volume: z.number() })),
      tariff_id: z.string(),
    }),
  ),
  total_cost: ocpiPriceSchema,
  total_fixed_cost: ocpiPriceSchema.optional(),
  total_energy: z.number(),
  total_energy_cost: ocpiPriceSchema.optional(),
  total_time: z.number(),
  total_time_cost: ocpiPriceSchema.optional(),
  total_parking_time: z.number().optional(),
  total_parking_cost: ocpiPriceSchema.optional(),
})
/** The errors of a route that changes a tariff or a price group: the refusals `refused` answers. */
const writeErrors = { ...apiErrors, 404: apiErrorSchema, 409: apiErrorSchema, 413: apiErrorSchema }

const tariffJson = (t: TariffRow, current: TariffVersionRow | undefined) => ({
  id: t.id,
  organizationId: t.organizationId,
  name: t.name,
  currentVersion: t.currentVersion,
  archivedAt: isoOrNull(t.archivedAt),
  createdAt: iso(t.createdAt),
  updatedAt: iso(t.updatedAt),
  ...(current ? { tariff: current.body, rounding: current.rounding } : {}),
})
const versionJson = (v: TariffVersionRow) => ({
  version: v.version,
  createdAt: iso(v.createdAt),
  createdBy: v.createdBy,
  tariff: v.body,
  rounding: v.rounding,
})
const priceGroupJson = (g: PriceGroupRow) => ({
  organizationId: g.organizationId,
  name: g.name,
  tariffId: g.tariffId,
  updatedAt: iso(g.updatedAt),
})
/**
 * `/api/v1/tariffs` and `/api/v1/price-groups`: tariffs on the OCPI 2.2.1 model, written as immutable
 * versions (`tariffs:write`), read and previewed with `tariffs:read`; price groups name the tariff an
 * access policy's price group charges.
 */
export function tariffsApi(deps: Deps) {
  const { tariffs } = deps.scoped
  const edits = deps.services.tariffEdits
  return new Elysia({ detail: { tags: ['Tariffs'] } })
    .use(apiScoped(deps))
    .get(
      '/tariffs',
      async ({ query, scope }) => {
        const { rows, total } = await tariffs.list(scope, query)
        return { items: rows.map((t) => tariffJson(t, undefined)), total }
      },
      {
        query: z.object({
          search: z.string().max(100).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.object({ items: z.array(tariffSchema), total: z.number().int() }), ...apiErrors },
        detail: { summary: 'List tariffs by name' },
      },
    )
    .get(
      '/tariffs/:id',
      async ({ params, set, scope }) => {
        const t = await tariffs.find(scope, params.id)
        if (!t) return notFound(set, `no tariff ${params.id}`)
        const versions = await tariffs.versions(t)
        return {
          ...tariffJson(
            t,
            versions.find((v) => v.version === t.currentVersion),
          ),
          versions: versions.map((v) => ({
            version: v.version,
            createdAt: iso(v.createdAt),
            createdBy: v.createdBy,
          })),
          priceGroups: (await tariffs.priceGroups(t)).map((g) => g.name),
        }
      },
      {
        params: idParam,
        response: {
          200: tariffSchema.extend({
            versions: z.array(versionFactsSchema),
            priceGroups: z.array(z.string()),
          }),
          ...apiErrors,
          404: apiErrorSchema,
        },
        detail: { summary: 'Get a tariff: its current OCPI body, its versions and price groups' },
      },
    )
    .get(
      '/tariffs/:id/versions/:version',
      async ({ params, set, scope }) => {
        const t = await tariffs.find(scope, params.id)
        const v = t && (await tariffs.version(t, params.version))
        if (!v) return notFound(set, `no version ${params.version} of tariff ${params.id}`)
        return versionJson(v)
      },
      {
        params: z.object({ id: z.string().min(1).max(36), version: z.coerce.number().int().positive() }),
        response: { 200: versionSchema, ...apiErrors, 404: apiErrorSchema },
        detail: { summary: 'Get one version of a tariff, as sessions started under it are priced' },
      },
    )
    .post(
      '/tariffs',
      async ({ body, set, scope }) => {
        const out = await edits.create(scope, body)
        if (!out.ok) return refused(set, out)
        set.status = 201
        return tariffJson(out.row.tariff, out.row.current)
      },
      {
        body: tariffInput,
        response: { 201: tariffSchema, ...writeErrors },
        detail: {
          summary: 'Create a tariff: a name and an OCPI Tariff without party, id or last_updated',
          description:
            'Body: {"name":"Residents","tariff":{"currency":"SEK","elements":[{"price_components":[{"type":"ENERGY","price":"2.40","vat":25,"step_size":1}]}]}}. Prices are per kWh or per hour excl. VAT; vat is a percentage.',
        },
      },
    )
    .put(
      '/tariffs/:id',
      async ({ params, body, set, scope }) => {
        const out = await edits.revise(scope, params.id, body)
        if (!out.ok) return refused(set, out)
        return tariffJson(out.row.tariff, out.row.current)
      },
      {
        params: idParam,
        body: tariffInput,
        response: { 200: tariffSchema, ...writeErrors },
        detail: { summary: 'Write the next version of a tariff (sessions under way keep theirs)' },
      },
    )
    .delete(
      '/tariffs/:id',
      async ({ params, set, scope }) => {
        const out = await edits.archive(scope, params.id)
        return out.ok ? tariffJson(out.row, undefined) : refused(set, out)
      },
      {
        params: idParam,
        response: { 200: tariffSchema, ...writeErrors },
        detail: { summary: 'Archive a tariff (409 while a price group charges it)' },
      },
    )
    .post(
      '/tariffs/:id/preview',
      async ({ params, body, set, scope }) => {
        const out = await deps.services.tariffPreviews.preview(scope, params.id, body)
        if (!out.ok) return notFound(set, out.message)
        return { version: out.version.version, ...pricedJson(out.priced), cdr: out.cdr }
      },
      {
        params: idParam,
        body: previewInput,
        response: {
          200: pricedSchema.extend({ version: z.number().int(), cdr: cdrPricingSchema }),
          ...apiErrors,
          404: apiErrorSchema,
          413: apiErrorSchema,
        },
        detail: {
          summary:
            'Price a described session under a tariff, e.g. "20 kWh in the evening, then parked 40 min"',
          description:
            'Body: {"start":"2026-12-07T18:00:00+01:00","parts":[{"minutes":120,"kwh":20},{"parkMinutes":40}]}. Answers the lines (which element and why), exact and billed totals, and the CDR pricing.',
        },
      },
    )
    .get(
      '/price-groups',
      async ({ scope }) => ({ items: (await tariffs.priceGroupsList(scope)).map(priceGroupJson) }),
      {
        response: { 200: z.object({ items: z.array(priceGroupSchema) }), ...apiErrors },
        detail: { summary: 'List price groups and the tariff each charges' },
      },
    )
    .put(
      '/price-groups/:name',
      async ({ params, body, set, scope }) => {
        const out = await edits.setPriceGroup(scope, params.name, body.tariffId)
        if (!out.ok) return refused(set, out)
        set.status = out.created ? 201 : 200
        return priceGroupJson(out.row)
      },
      {
        params: z.object({ name: z.string().trim().min(1).max(64) }),
        body: z.strictObject({ tariffId: z.string().min(1).max(36) }),
        response: { 200: priceGroupSchema, 201: priceGroupSchema, ...writeErrors },
        detail: { summary: "Point a price group (in the tariff's organization) at a tariff" },
      },
    )
    .delete(
      '/price-groups/:name',
      async ({ params, query, set, scope }) => {
        const owner = tariffs.ownerOfNew(scope, query.organizationId)
        if (!owner.ok) return refused(set, { status: 400, message: owner.message })
        const out = await edits.removePriceGroup(scope, owner.organizationId, params.name)
        if (!out.ok) return refused(set, out)
        set.status = 204
      },
      {
        params: z.object({ name: z.string().trim().min(1).max(64) }),
        query: z.object({ organizationId: z.string().min(1).max(64).optional() }),
        response: { 204: z.null().optional(), ...writeErrors },
        detail: {
          summary: 'Remove a price group (organizationId: default the only one the key writes tariffs in)',
        },
      },
    )
}
