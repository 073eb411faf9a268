import { Badge, Field, type FormState, Notice } from '../components'
import { formatDateTime } from '../format'
import { Layout } from '../layout'

/** One of the account's sessions as its page shows it (never the token or its hash). */
export interface SessionView {
  /** A short handle of the session, to sign it out. */
  id: string
  createdAt: number
  lastSeenAt: number | null
  userAgent: string | null
  address: string | null
  current: boolean
}

/** A membership: the role held in an organization. */
export interface MembershipView {
  organization: string
  role: string
}

/** Everything the account page shows. */
export interface AccountProps {
  operator: string
  name: string | null
  memberships: MembershipView[]
  sessions: SessionView[]
  password: FormState
  notice?: string
}

/** One's own account: its memberships, its sessions (sign out one or all) and a password change. */
export function AccountPage(props: AccountProps) {
  return (
    <Layout title="Your account" operator={props.operator} active="account">
      <h1 safe>{props.name ?? props.operator}</h1>
      {props.notice ? <Notice tone="ok" text={props.notice} /> : ''}
      <section class="card">
        <h2>Your roles</h2>
        {props.memberships.length ? (
          <ul id="memberships">
            {props.memberships.map((m) => (
              <li>
                <strong safe>{m.role}</strong> in <span safe>{m.organization}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">You hold no role in any organization.</p>
        )}
      </section>
      <SessionsCard sessions={props.sessions} />
      <PasswordForm {...props.password} />
    </Layout>
  )
}

function SessionsCard(props: { sessions: SessionView[] }) {
  return (
    <section class="card" id="sessions">
      <h2>Where you are signed in</h2>
      <table>
        <thead>
          <tr>
            <th>Signed in</th>
            <th>Last seen</th>
            <th>Browser</th>
            <th>Address</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {props.sessions.map((s) => (
            <tr id={`session-${s.id}`}>
              <td safe>{formatDateTime(s.createdAt)}</td>
              <td safe>{formatDateTime(s.lastSeenAt)}</td>
              <td safe>{s.userAgent ?? '—'}</td>
              <td safe>{s.address ?? '—'}</td>
              <td>
                {s.current ? (
                  <Badge text="this browser" tone="ok" />
                ) : (
                  <form method="post" action={`/admin/account/sessions/${s.id}/delete`}>
                    <button type="submit" class="link">
                      Sign out
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="post" action="/admin/account/sign-out-everywhere">
        <button type="submit">Sign out everywhere</button>
      </form>
    </section>
  )
}

function PasswordForm(props: FormState) {
  const e = props.errors
  return (
    <section class="card" id="password">
      <h2>Change your password</h2>
      {props.notice ? <Notice tone="ok" text={props.notice} /> : ''}
      <p class="muted small">Your other sessions end when you change it.</p>
      <form method="post" action="/admin/account/password">
        <Field label="Current password" name="current" error={e.current}>
          <input name="current" type="password" autocomplete="current-password" required />
        </Field>
        <Field label="New password" name="password" error={e.password} hint="at least 12 characters">
          <input name="password" type="password" autocomplete="new-password" minlength="12" required />
        </Field>
        <Field label="New password again" name="confirm" error={e.confirm}>
          <input name="confirm" type="password" autocomplete="new-password" required />
        </Field>
        <button type="submit" class="primary">
          Change password
        </button>
      </form>
    </section>
  )
}
