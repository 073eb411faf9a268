import { Badge, Notice } from '../components'
import { formatDateTime } from '../format'
import { Layout } from '../layout'

/** An account as one row of the accounts list shows it. */
export interface AccountRowView {
  id: number
  email: string
  disabled: boolean
  lastLoginAt: number | null
  /** `role in organization`, one per membership the reader may see. */
  roles: { organization: string; role: string }[]
  /** The reader may disable it (holds `accounts:write` in every organization it belongs to). */
  canDisable: boolean
}

/** Everything the accounts page shows. */
export interface AccountsProps {
  operator: string
  rows: AccountRowView[]
  notice?: string
}

/** The accounts with a role in the organizations the reader may see, with their roles. */
export function AccountsPage(props: AccountsProps) {
  return (
    <Layout title="Accounts" operator={props.operator} active="accounts">
      <h1>Accounts</h1>
      {props.notice ? <Notice tone="bad" text={props.notice} /> : ''}
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
                {a.roles.map((r) => (
                  <div>
                    <strong safe>{r.role}</strong> in <span safe>{r.organization}</span>
                  </div>
                ))}
              </td>
              <td safe>{formatDateTime(a.lastLoginAt)}</td>
              <td>
                {a.canDisable && !a.disabled ? (
                  <form
                    method="post"
                    action={`/admin/accounts/${a.id}/disable`}
                    hx-confirm="Disable this account? It cannot sign in and its sessions end."
                  >
                    <button type="submit">Disable</button>
                  </form>
                ) : (
                  ''
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  )
}
