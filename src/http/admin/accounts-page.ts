import type { Deps } from '@src/deps'
import { can, organizationsWith, type Scope } from '@src/domain/tenancy/scope'
import type { RoleView } from '@src/services/custom-roles'
import { AccountsPage, type AccountsProps, type RoleChoice } from '@views/admin/accounts'
import type { InviteFormView, InviteOrgChoice } from '@views/admin/invites'
import { html } from './render'

/** What a change on the accounts page adds to it: a message, a link shown once, the invite form's input. */
export type AccountsExtra = Pick<AccountsProps, 'notice' | 'error' | 'link'> & {
  invite?: InviteFormView['values']
}

/** The absolute address of `path` as the browser reached us (for a link to hand over). */
export function absoluteUrl(deps: Deps, request: Request, path: string): string {
  const url = new URL(request.url)
  const host = request.headers.get('host') ?? url.host
  return `${deps.peers.secure(request) ? 'https' : 'http'}://${host}${path}`
}

/** The organizations where the scope may invite and make roles (`accounts:write`), by name. */
export async function writableOrganizations(deps: Deps, scope: Scope): Promise<InviteOrgChoice[]> {
  const where = organizationsWith(scope, 'accounts:write')
  if (where === 'all')
    return (await deps.services.organizationEdits.list(scope)).map((o) => ({ id: o.id, name: o.name }))
  const found = await Promise.all([...where].map((id) => deps.repos.organizations.find(id)))
  return found
    .flatMap((o) => (o ? [{ id: o.id, name: o.name }] : []))
    .sort((a, b) => a.name.localeCompare(b.name))
}

/** The invite form's default: the first organization the signed-in account belongs to where it may invite. */
async function ownOrganization(
  deps: Deps,
  scope: Scope,
  writable: readonly InviteOrgChoice[],
): Promise<string | undefined> {
  if (scope.actor.kind !== 'account') return undefined
  const mine = await deps.repos.organizations.membershipsOf(scope.actor.id)
  return mine.map((m) => m.organizationId).find((id) => writable.some((o) => o.id === id))
}

/**
 * The accounts page's view model for the scope: the accounts with their memberships (each with the
 * roles the reader may give there), the invite form and the open invitations.
 */
export async function accountsProps(
  deps: Deps,
  scope: Scope,
  operator: string,
  extra: AccountsExtra = {},
): Promise<AccountsProps> {
  const { accounts, invites, roles } = deps.services
  const [listed, pending, orgs] = await Promise.all([
    accounts.list(scope),
    invites.list(scope),
    writableOrganizations(deps, scope),
  ])
  const assignable = new Map<string, Promise<RoleView[]>>()
  const rolesIn = (org: string) => {
    if (!assignable.has(org)) assignable.set(org, roles.assignable(scope, org))
    return assignable.get(org) as Promise<RoleView[]>
  }
  const choices = async (org: string): Promise<RoleChoice[]> =>
    can(scope, 'accounts:write', org) ? (await rolesIn(org)).map((r) => ({ id: r.id, name: r.name })) : []
  const rows = await Promise.all(
    listed.map(async (a) => ({
      id: a.id,
      email: a.email,
      disabled: a.disabledAt !== null,
      lastLoginAt: a.lastLoginAt,
      memberships: await Promise.all(
        a.roles.map(async (r) => ({
          organizationId: r.organizationId,
          organization: r.organization,
          roleId: r.roleId,
          role: r.role,
          choices: await choices(r.organizationId),
        })),
      ),
      canDisable: a.canDisable,
    })),
  )
  const offered = new Map<string, { id: string; name: string; organizationId: string | null }>()
  for (const o of orgs)
    for (const r of await rolesIn(o.id))
      offered.set(r.id, { id: r.id, name: r.name, organizationId: r.organizationId })
  const own = await ownOrganization(deps, scope, orgs)
  const inviteForm: InviteFormView | undefined = orgs.length
    ? {
        organizations: orgs,
        roles: [...offered.values()],
        values: { ...(own ? { organizationId: own } : {}), ...extra.invite },
      }
    : undefined
  return {
    operator,
    rows,
    invites: pending.map((i) => ({
      id: i.id,
      email: i.email,
      organization: i.organization,
      role: i.role,
      expiresAt: i.expiresAt,
      canRevoke: can(scope, 'accounts:write', i.organizationId),
    })),
    ...(inviteForm ? { inviteForm } : {}),
    ...(extra.notice ? { notice: extra.notice } : {}),
    ...(extra.error ? { error: extra.error } : {}),
    ...(extra.link ? { link: extra.link } : {}),
  }
}

/** The accounts page as a response. */
export async function accountsPage(
  deps: Deps,
  scope: Scope,
  operator: string,
  extra: AccountsExtra = {},
  status = 200,
): Promise<Response> {
  return html(AccountsPage(await accountsProps(deps, scope, operator, extra)), status)
}
