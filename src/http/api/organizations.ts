import type { Deps } from '@src/deps'
import { organizationView } from '@src/services/organization-edits'
import { Elysia } from 'elysia'
import { z } from 'zod'
import { apiScoped, notFound, refused } from './guard'

const idParam = z.object({ id: z.string().min(1).max(64) })
const orgId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'use lowercase letters, digits and "-"')
const name = z.string().trim().min(1).max(100)

/** `/api/v1/organizations`: the organization tree within the key's scope. */
export function organizationsApi(deps: Deps) {
  const orgs = deps.services.organizationEdits
  return new Elysia({ prefix: '/organizations', detail: { tags: ['Organizations'] } })
    .use(apiScoped(deps))
    .get('', async ({ scope }) => ({ items: (await orgs.list(scope)).map(organizationView) }), {
      detail: { summary: 'List the organizations this key may see (its own and below)' },
    })
    .get(
      '/:id',
      async ({ params, set, scope }) => {
        const o = await orgs.find(scope, params.id)
        return o ? organizationView(o) : notFound(set, `no organization ${params.id}`)
      },
      { params: idParam, detail: { summary: 'Get an organization' } },
    )
    .post(
      '',
      async ({ body, set, scope }) => {
        const out = await orgs.create(scope, body)
        if (!out.ok) return refused(set, out)
        set.status = 201
        return organizationView(out.organization!)
      },
      {
        body: z.strictObject({ id: orgId, name, parentId: z.string().min(1).max(64).optional() }),
        detail: {
          summary: 'Create a customer (under the platform) or a sub-organization',
          description: 'parentId defaults to the only organization where the key holds organizations:write.',
        },
      },
    )
    .patch(
      '/:id',
      async ({ params, body, set, scope }) => {
        const out = await orgs.rename(scope, params.id, body.name)
        return out.ok ? organizationView(out.organization!) : refused(set, out)
      },
      { params: idParam, body: z.strictObject({ name }), detail: { summary: 'Rename an organization' } },
    )
    .delete(
      '/:id',
      async ({ params, set, scope }) => {
        const out = await orgs.remove(scope, params.id)
        if (!out.ok) return refused(set, out)
        set.status = 204
      },
      {
        params: idParam,
        detail: { summary: 'Delete an organization that holds nothing any more (409 otherwise)' },
      },
    )
}
