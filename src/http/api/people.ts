import type { Deps } from '@src/deps'
import { businessAccountInput, driverInput, householdInput } from '@src/services/people-input'
import { Elysia } from 'elysia'
import { z } from 'zod'
import { apiScoped, notFound, refused } from './guard'
import {
  businessAccountJson,
  costCentreJson,
  driverJson,
  householdJson,
  ownedTokenJson,
} from './people-present'

const idParam = z.object({ id: z.string().min(1).max(64) })
const pageQuery = z.object({
  search: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
})
const orgNote =
  'organizationId (on create) defaults to the only organization where the key holds drivers:write.'

/**
 * `/api/v1/drivers`, `/api/v1/households`, `/api/v1/business-accounts`: the people who charge, their
 * apartments and their companies (`drivers:read`, personal data; `drivers:write` to change). Ids they
 * refer to must be of the same organization.
 */
export function peopleApi(deps: Deps) {
  const { people } = deps.scoped
  const edits = deps.services.peopleEdits
  return new Elysia({ detail: { tags: ['Drivers'] } })
    .use(apiScoped(deps))
    .get(
      '/drivers',
      async ({ query, scope }) => {
        const { rows, total } = await people.listDrivers(scope, query)
        return { items: rows.map(driverJson), total }
      },
      { query: pageQuery, detail: { summary: 'List drivers (search: name, email, apartment, token uid)' } },
    )
    .get(
      '/drivers/:id',
      async ({ params, set, scope }) => {
        const d = await people.findDriver(scope, params.id)
        if (!d) return notFound(set, `no driver ${params.id}`)
        const tokens = await people.tokensOf('driver', d)
        return { ...driverJson(d), tokens: tokens.map(ownedTokenJson) }
      },
      { params: idParam, detail: { summary: 'Get a driver with its tokens' } },
    )
    .post(
      '/drivers',
      async ({ body, set, scope }) => {
        const out = await edits.createDriver(scope, body)
        if (!out.ok) return refused(set, out)
        set.status = 201
        return driverJson(out.row)
      },
      {
        body: driverInput,
        detail: {
          summary: 'Create a driver, e.g. {"name":"Åsa Berg","email":"asa@example.se"}',
          description: orgNote,
        },
      },
    )
    .put(
      '/drivers/:id',
      async ({ params, body, set, scope }) => {
        const out = await edits.updateDriver(scope, params.id, body)
        return out.ok ? driverJson(out.row) : refused(set, out)
      },
      {
        params: idParam,
        body: driverInput,
        detail: { summary: 'Replace a driver (omitted fields are cleared)' },
      },
    )
    .delete(
      '/drivers/:id',
      async ({ params, set, scope }) => {
        const out = await edits.removeDriver(scope, params.id)
        if (!out.ok) return refused(set, out)
        set.status = 204
      },
      { params: idParam, detail: { summary: 'Remove a driver without tokens (409 while it has some)' } },
    )
    .get(
      '/households',
      async ({ query, scope }) => {
        const { rows, total } = await people.listHouseholds(scope, query)
        return { items: rows.map(householdJson), total }
      },
      { query: pageQuery, detail: { summary: 'List households (search: apartment, parking space, name)' } },
    )
    .get(
      '/households/:id',
      async ({ params, set, scope }) => {
        const h = await people.findHousehold(scope, params.id)
        if (!h) return notFound(set, `no household ${params.id}`)
        const [members, tokens] = await Promise.all([
          people.membersOf('household', h),
          people.tokensOf('household', h),
        ])
        return { ...householdJson(h), drivers: members.map(driverJson), tokens: tokens.map(ownedTokenJson) }
      },
      { params: idParam, detail: { summary: 'Get a household with its drivers and its own tokens' } },
    )
    .post(
      '/households',
      async ({ body, set, scope }) => {
        const out = await edits.createHousehold(scope, body)
        if (!out.ok) return refused(set, out)
        set.status = 201
        return householdJson(out.row)
      },
      {
        body: householdInput,
        detail: {
          summary: 'Create a household, e.g. {"apartment":"1101","parkingSpace":"P12"}',
          description: orgNote,
        },
      },
    )
    .put(
      '/households/:id',
      async ({ params, body, set, scope }) => {
        const out = await edits.updateHousehold(scope, params.id, body)
        return out.ok ? householdJson(out.row) : refused(set, out)
      },
      { params: idParam, body: householdInput, detail: { summary: 'Replace a household' } },
    )
    .delete(
      '/households/:id',
      async ({ params, set, scope }) => {
        const out = await edits.removeHousehold(scope, params.id)
        if (!out.ok) return refused(set, out)
        set.status = 204
      },
      {
        params: idParam,
        detail: { summary: 'Remove a household without drivers or tokens (409 otherwise)' },
      },
    )
    .get(
      '/business-accounts',
      async ({ query, scope }) => {
        const { rows, total } = await people.listBusinessAccounts(scope, query)
        return { items: rows.map(businessAccountJson), total }
      },
      { query: pageQuery, detail: { summary: 'List business accounts' } },
    )
    .get(
      '/business-accounts/:id',
      async ({ params, set, scope }) => {
        const b = await people.findBusinessAccount(scope, params.id)
        if (!b) return notFound(set, `no business account ${params.id}`)
        const [centres, members, tokens] = await Promise.all([
          people.costCentresOf(b),
          people.membersOf('business', b),
          people.tokensOf('business', b),
        ])
        return {
          ...businessAccountJson(b),
          costCentres: centres.map(costCentreJson),
          employees: members.map(driverJson),
          tokens: tokens.map(ownedTokenJson),
        }
      },
      {
        params: idParam,
        detail: { summary: 'Get a business account with cost centres, employees and its own tokens' },
      },
    )
    .post(
      '/business-accounts',
      async ({ body, set, scope }) => {
        const out = await edits.createBusinessAccount(scope, body)
        if (!out.ok) return refused(set, out)
        set.status = 201
        return businessAccountJson(out.row)
      },
      {
        body: businessAccountInput,
        detail: {
          summary:
            'Create a business account, e.g. {"name":"Kontor AB","costCentres":[{"code":"SALES","name":"Sales"}]}',
          description: orgNote,
        },
      },
    )
    .put(
      '/business-accounts/:id',
      async ({ params, body, set, scope }) => {
        const out = await edits.updateBusinessAccount(scope, params.id, body)
        return out.ok ? businessAccountJson(out.row) : refused(set, out)
      },
      {
        params: idParam,
        body: businessAccountInput,
        detail: { summary: 'Replace a business account (costCentres, when given, is the whole list)' },
      },
    )
    .delete(
      '/business-accounts/:id',
      async ({ params, set, scope }) => {
        const out = await edits.removeBusinessAccount(scope, params.id)
        if (!out.ok) return refused(set, out)
        set.status = 204
      },
      { params: idParam, detail: { summary: 'Remove a business account without employees or tokens' } },
    )
}
