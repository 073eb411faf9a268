import type { OrganizationRow } from '@src/db/repos/organizations'
import type { Deps } from '@src/deps'
import { canAnywhere, type Scope } from '@src/domain/tenancy/scope'
import { OrganizationsPage, type OrganizationsProps, type OrgNodeView } from '@views/admin/organizations'
import { Elysia } from 'elysia'
import { formValue, requireOperator } from './auth'
import { html } from './render'

/** The organizations as a tree, depth first, each under its parent (tops: those whose parent is not seen). */
export function treeOf(rows: readonly OrganizationRow[]): OrgNodeView[] {
  const ids = new Set(rows.map((r) => r.id))
  const children = Map.groupBy(rows, (r) => (r.parentId !== null && ids.has(r.parentId) ? r.parentId : ''))
  const out: OrgNodeView[] = []
  const walk = (parent: string, depth: number) => {
    for (const r of children.get(parent) ?? []) {
      out.push({ id: r.id, name: r.name, kind: r.kind, depth })
      walk(r.id, depth + 1)
    }
  }
  walk('', 0)
  return out
}

/** `/admin/organizations` and `/admin/api-keys`: the tree and its keys, within the account's scope. */
export function organizationsAdmin(deps: Deps) {
  const { organizationEdits: orgs, apiKeys } = deps.services
  const page = async (
    scope: Scope,
    operator: string,
    extra: Pick<OrganizationsProps, 'notice' | 'secret' | 'error'>,
    status = 200,
  ) => {
    const canKeys = canAnywhere(scope, 'api-keys:read')
    const [tree, keys] = await Promise.all([orgs.list(scope), canKeys ? apiKeys.list(scope) : []])
    const keyViews = keys.map((k) => ({
      id: k.id,
      organizationId: k.organizationId,
      name: k.name,
      permissions: k.permissions,
      revoked: k.revokedAt !== null,
    }))
    return html(OrganizationsPage({ operator, tree: treeOf(tree), keys: keyViews, ...extra }), status)
  }
  return new Elysia({ prefix: '/admin' })
    .use(requireOperator(deps))
    .get('/organizations', ({ scope, operator }) => page(scope!, operator!.email, {}))
    .post('/organizations', async ({ body, scope, operator }) => {
      const parentId = formValue(body, 'parentId').trim() || undefined
      const out = await orgs.create(scope!, {
        id: formValue(body, 'id').trim().slice(0, 64),
        name: formValue(body, 'name').trim().slice(0, 100),
        parentId,
      })
      if (!out.ok) return page(scope!, operator!.email, { error: out.message }, out.status)
      return page(scope!, operator!.email, { notice: `Added ${out.organization?.name}.` })
    })
    .post('/organizations/:id/delete', async ({ params, scope, operator }) => {
      const out = await orgs.remove(scope!, params.id)
      if (!out.ok) return page(scope!, operator!.email, { error: out.message }, out.status)
      return page(scope!, operator!.email, { notice: `Deleted ${params.id}.` })
    })
    .post('/api-keys', async ({ body, scope, operator }) => {
      const out = await apiKeys.create(scope!, {
        name: formValue(body, 'name').trim().slice(0, 100),
        organizationId: formValue(body, 'organizationId').trim() || undefined,
        permissions: formValue(body, 'permissions')
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean),
      })
      if (!out.ok) return page(scope!, operator!.email, { error: out.message }, out.status)
      return page(scope!, operator!.email, { notice: `Made the key ${out.key.name}.`, secret: out.secret })
    })
    .post('/api-keys/:id/revoke', async ({ params, scope, operator }) => {
      const out = await apiKeys.revoke(scope!, params.id)
      if (!out.ok) return page(scope!, operator!.email, { error: out.message }, out.status)
      return page(scope!, operator!.email, { notice: `Revoked ${params.id}.` })
    })
}
