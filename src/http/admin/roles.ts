import type { Deps } from '@src/deps'
import { PERMISSION_LABELS, PERMISSIONS, type Permission } from '@src/domain/tenancy/permissions'
import { can, type Scope } from '@src/domain/tenancy/scope'
import { BUILT_IN_VIEWS, type RoleView } from '@src/services/custom-roles'
import { permissionField, type RoleRowView, RolesPage, type RolesProps } from '@views/admin/roles'
import { Elysia } from 'elysia'
import { z } from 'zod'
import { writableOrganizations } from './accounts-page'
import { formValue, requireOperator } from './auth'
import { html } from './render'

const labelled = (ps: readonly Permission[]) => ps.map((p) => ({ id: p, label: PERMISSION_LABELS[p] }))

/** The permissions ticked in a role form. */
const ticked = (body: unknown): Permission[] =>
  PERMISSIONS.filter((p) => formValue(body, permissionField(p)) === 'on')

const roleParams = z.object({ id: z.string().min(1).max(64) })

/**
 * `/admin/roles`: the built-in roles with their permissions (`accounts:read`), and each organization's
 * own, made, changed and deleted with `accounts:write` there. The forms offer only the permissions the
 * reader holds in the role's organization; the service refuses anything beyond them.
 */
export function rolesAdmin(deps: Deps) {
  const { roles, organizationEdits } = deps.services
  const page = async (
    scope: Scope,
    operator: string,
    extra: Pick<RolesProps, 'notice' | 'error'>,
    status = 200,
  ) => {
    const [custom, writable] = await Promise.all([roles.list(scope), writableOrganizations(deps, scope)])
    const names = new Map((await organizationEdits.list(scope)).map((o) => [o.id, o.name]))
    for (const o of writable) names.set(o.id, o.name)
    const held = (org: string) => PERMISSIONS.filter((p) => can(scope, p, org))
    const customRow = (r: RoleView): RoleRowView => {
      const org = r.organizationId ?? ''
      const editable = can(scope, 'accounts:write', org) && r.permissions.every((p) => can(scope, p, org))
      return {
        id: r.id,
        name: r.name,
        organization: names.get(org) ?? org,
        permissions: labelled(r.permissions),
        offered: editable ? labelled(held(org)) : [],
      }
    }
    const offered = PERMISSIONS.filter((p) => writable.some((o) => can(scope, p, o.id)))
    return html(
      RolesPage({
        operator,
        builtIn: BUILT_IN_VIEWS.map((r) => ({
          id: r.id,
          name: r.name,
          permissions: labelled(r.permissions),
          offered: [],
        })),
        custom: custom.map(customRow),
        ...(writable.length ? { create: { organizations: writable, offered: labelled(offered) } } : {}),
        ...extra,
      }),
      status,
    )
  }
  return new Elysia({ prefix: '/admin/roles' })
    .use(requireOperator(deps))
    .get('', ({ scope, operator }) => page(scope!, operator!.email, {}))
    .post('', async ({ scope, operator, body }) => {
      const organizationId = formValue(body, 'organizationId').trim().slice(0, 64)
      const out = await roles.create(scope!, {
        name: formValue(body, 'name').slice(0, 200),
        permissions: ticked(body),
        ...(organizationId ? { organizationId } : {}),
      })
      if (!out.ok) return page(scope!, operator!.email, { error: out.message }, out.status)
      return page(scope!, operator!.email, { notice: `Made the role ${out.role.name}.` })
    })
    .post(
      '/:id',
      async ({ scope, operator, body, params }) => {
        const out = await roles.update(scope!, params.id, {
          name: formValue(body, 'name').slice(0, 200),
          permissions: ticked(body),
        })
        if (!out.ok) return page(scope!, operator!.email, { error: out.message }, out.status)
        return page(scope!, operator!.email, { notice: `Saved the role ${out.role.name}.` })
      },
      { params: roleParams },
    )
    .post(
      '/:id/delete',
      async ({ scope, operator, params }) => {
        const out = await roles.remove(scope!, params.id)
        if (!out.ok) return page(scope!, operator!.email, { error: out.message }, out.status)
        return page(scope!, operator!.email, { notice: `Deleted the role ${out.role.name}.` })
      },
      { params: roleParams },
    )
}
