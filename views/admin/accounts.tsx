import { Badge, Notice } from '../components'
import { formatDateTime } from '../format'
import { Layout } from '../layout'
import { InviteCard, type InviteFormView, type PendingInviteView } from './invites'
import { OneTimeLink, type OneTimeLinkView } from './one-time-link'

/** A role an account may be given in one organization, as a select offers it. */
export interface RoleChoice {
  id: string
  name: string
}

/** One membership of a listed account: its role in one organization, and what the reader may do to it. */
export interface MembershipRowView {
  organizationId: string
  organization: string
  roleId: string
  role: string
  /** The roles the reader may give here; empty when the reader may not change this membership. */
  choices: RoleChoice[]
}

/** An account as one row of the accounts list shows it. */
export interface AccountRowView {
  id: number
  email: string
  disabled: boolean
  lastLoginAt: number | null
  /** One per membership the reader may see. */
  memberships: MembershipRowView[]
  /** The reader may disable it or reset its password (holds `accounts:write` wherever it belongs). */
  canDisable: boolean
}

/** Everything the accounts page shows. */
export interface AccountsProps {
  operator: string
  rows: AccountRowView[]
  /** The invite form, when the reader may invite somewhere. */
  inviteForm?: InviteFormView
  invites: PendingInviteView[]
  /** A link just made, shown this once. */
  link?: OneTimeLinkView
  notice?: string
  error?: string
}

/** A membership's role, with a select to change it and a button to remove it where the reader may. */
function MembershipCell(props: { accountId: number; m: MembershipRowView }) {
  const { m } = props
  const base = `/admin/accounts/${props.accountId}/memberships/${encodeURIComponent(m.organizationId)}`
  if (!m.choices.length)
    return (
      <div>
        <strong safe>{m.role}</strong> in <span safe>{m.organization}</span>
      </div>
    )
  return (
    <div class="membership">
      <form method="post" action={base} class="inline">
        <select name="roleId" aria-label={`Role in ${m.organization}`}>
          {m.choices.map((c) => (
            <option value={c.id} selected={c.id === m.roleId} safe>
              {c.name}
            </option>
          ))}
        </select>{' '}
        in <span safe>{m.organization}</span> <button type="submit">Change role</button>
      </form>
      <form
        method="post"
        action={`${base}/remove`}
        class="inline"
        hx-confirm="Remove this account from the organization?"
      >
        <button type="submit" class="link">
          Remove
        </button>
      </form>
    </div>
  )
}

/**
 * The accounts with a role in the organizations the reader may see, with their memberships (change a
 * role, remove one), disabling and password reset links; and the invitations: a form and the open ones.
 */
export function AccountsPage(props: AccountsProps) {
  return (
    <Layout title="Accounts" operator={props.operator} active="accounts">
      <h1>Accounts</h1>
      {props.notice ? <Notice tone="ok" text={props.notice} /> : ''}
      {props.error ? <Notice tone="bad" text={props.error} /> : ''}
      {props.link ? <OneTimeLink {...props.link} /> : ''}
      <table id="accounts">
        <thead>
          <tr>
            <th>Email</th>
            <th>Roles</th>
            <th>Last sign-in</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {props.rows.map((a) => (
            <tr id={`account-${a.id}`}>
              <td>
                <span safe>{a.email}</span> {a.disabled ? <Badge text="disabled" tone="bad" /> : ''}
              </td>
              <td>
                {a.memberships.map((m) => (
                  <MembershipCell accountId={a.id} m={m} />
                ))}
              </td>
              <td safe>{formatDateTime(a.lastLoginAt)}</td>
              <td>
                {a.canDisable && !a.disabled ? (
                  <>
                    <form method="post" action={`/admin/accounts/${a.id}/reset`} class="inline">
                      <button type="submit">Reset link</button>
                    </form>
                    <form
                      method="post"
                      action={`/admin/accounts/${a.id}/disable`}
                      class="inline"
                      hx-confirm="Disable this account? It cannot sign in and its sessions end."
                    >
                      <button type="submit">Disable</button>
                    </form>
                  </>
                ) : (
                  ''
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <InviteCard form={props.inviteForm} invites={props.invites} />
    </Layout>
  )
}
