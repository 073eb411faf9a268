import { Field } from '../components'
import { formatDateTime } from '../format'

/** An organization the reader may invite into. */
export interface InviteOrgChoice {
  id: string
  name: string
}

/** A role the invite form offers: built-in (any organization) or one organization's own. */
export interface InviteRoleChoice {
  id: string
  name: string
  /** Null for a built-in role. */
  organizationId: string | null
}

/** The invite form: where the reader may invite, as which roles, and what was typed. */
export interface InviteFormView {
  organizations: InviteOrgChoice[]
  roles: InviteRoleChoice[]
  values: { email?: string; organizationId?: string; roleId?: string }
}

/** An open invitation as listed: never its secret. */
export interface PendingInviteView {
  id: string
  email: string
  organization: string
  role: string
  expiresAt: number
  canRevoke: boolean
}

/** The invite form (when the reader may invite) and the open invitations with revoke. */
export function InviteCard(props: { form: InviteFormView | undefined; invites: PendingInviteView[] }) {
  const f = props.form
  return (
    <section class="card" id="invites">
      <h2>Invitations</h2>
      {f ? (
        <form method="post" action="/admin/invites">
          <Field label="Email" name="email">
            <input type="email" name="email" required maxlength="200" value={f.values.email ?? ''} />
          </Field>
          <Field label="Organization" name="organizationId">
            <select name="organizationId">
              {f.organizations.map((o) => (
                <option value={o.id} selected={o.id === f.values.organizationId} safe>
                  {o.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Role" name="roleId" hint="A custom role can be given in its own organization only.">
            <select name="roleId">
              {f.roles.map((r) => (
                <option value={r.id} selected={r.id === f.values.roleId} safe>
                  {r.organizationId === null ? r.name : `${r.name} (${r.organizationId} only)`}
                </option>
              ))}
            </select>
          </Field>
          <button type="submit" class="primary">
            Invite
          </button>
          <p class="muted small">
            You get a one-time link to hand over (no email is sent). It is valid for 7 days.
          </p>
        </form>
      ) : (
        ''
      )}
      {props.invites.length ? (
        <table id="pending-invites">
          <thead>
            <tr>
              <th>Invited</th>
              <th>Organization</th>
              <th>Role</th>
              <th>Valid until</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {props.invites.map((i) => (
              <tr id={`invite-${i.id}`}>
                <td safe>{i.email}</td>
                <td safe>{i.organization}</td>
                <td safe>{i.role}</td>
                <td safe>{formatDateTime(i.expiresAt)}</td>
                <td>
                  {i.canRevoke ? (
                    <form method="post" action={`/admin/invites/${encodeURIComponent(i.id)}/revoke`}>
                      <button type="submit" class="link">
                        Revoke
                      </button>
                    </form>
                  ) : (
                    ''
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="muted">No open invitations.</p>
      )}
    </section>
  )
}
