import { MIN_PASSWORD_LENGTH } from '@src/domain/accounts/password-rules'
import { Field, Notice } from '../components'
import { Layout } from '../layout'

/** What the invitation page shows: whom it invites where, and the form's state. */
export interface AcceptInviteProps {
  email: string
  organization: string
  role: string
  /** The email already has an account: it joins by its password instead of making a new one. */
  existingAccount: boolean
  /** The browser is signed in as that account: joining needs no password. */
  signedInAsInvitee: boolean
  name?: string
  errors: Record<string, string>
}

const passwordHint = `at least ${MIN_PASSWORD_LENGTH} characters`

/** The invitation: choose a name and a password (new account), or confirm the existing one's password. */
export function AcceptInvitePage(p: AcceptInviteProps) {
  const e = p.errors
  return (
    <Layout title="Accept invitation">
      <section class="card narrow">
        <h1>You are invited</h1>
        <p>
          <strong safe>{p.email}</strong> is invited to <strong safe>{p.organization}</strong> as{' '}
          <strong safe>{p.role}</strong>.
        </p>
        {e.form ? <Notice tone="bad" text={e.form} /> : ''}
        <form method="post" hx-boost="false">
          {p.existingAccount ? (
            p.signedInAsInvitee ? (
              <p>You are signed in as this account: accept to add the organization to it.</p>
            ) : (
              <Field label={`Password of ${p.email}`} name="password" error={e.password}>
                <input type="password" name="password" autocomplete="current-password" required autofocus />
              </Field>
            )
          ) : (
            <>
              <Field label="Your name" name="name" error={e.name}>
                <input
                  name="name"
                  value={p.name ?? ''}
                  maxlength="100"
                  autocomplete="name"
                  required
                  autofocus
                />
              </Field>
              <Field label="Choose a password" name="password" error={e.password} hint={passwordHint}>
                <input
                  type="password"
                  name="password"
                  autocomplete="new-password"
                  minlength={String(MIN_PASSWORD_LENGTH)}
                  required
                />
              </Field>
              <Field label="The password again" name="confirm" error={e.confirm}>
                <input type="password" name="confirm" autocomplete="new-password" required />
              </Field>
            </>
          )}
          <button type="submit" class="primary">
            {p.existingAccount ? 'Join' : 'Create account'}
          </button>
        </form>
      </section>
    </Layout>
  )
}

/** What the reset page shows: whose password it sets, and the form's messages. */
export interface ResetPasswordProps {
  email: string
  errors: Record<string, string>
}

/** The password reset: a new password, twice; every other session of the account ends. */
export function ResetPasswordPage(p: ResetPasswordProps) {
  const e = p.errors
  return (
    <Layout title="Set a new password">
      <section class="card narrow">
        <h1>Set a new password</h1>
        <p>
          For <strong safe>{p.email}</strong>. Every other sign-in of this account ends.
        </p>
        {e.form ? <Notice tone="bad" text={e.form} /> : ''}
        <form method="post" hx-boost="false">
          <Field label="New password" name="password" error={e.password} hint={passwordHint}>
            <input
              type="password"
              name="password"
              autocomplete="new-password"
              minlength={String(MIN_PASSWORD_LENGTH)}
              required
              autofocus
            />
          </Field>
          <Field label="The new password again" name="confirm" error={e.confirm}>
            <input type="password" name="confirm" autocomplete="new-password" required />
          </Field>
          <button type="submit" class="primary">
            Set password
          </button>
        </form>
      </section>
    </Layout>
  )
}

/** Which kind of one-time link could not be used. */
export interface ClosedLinkProps {
  purpose: 'invite' | 'reset'
}

/**
 * A link that cannot be used: the same page whether it never existed, was used, expired or was
 * withdrawn, so that whoever holds it learns nothing more than that.
 */
export function ClosedLinkPage(p: ClosedLinkProps) {
  const ask =
    p.purpose === 'invite'
      ? 'Ask whoever invited you for a new invitation.'
      : 'Ask an administrator for a new link.'
  return (
    <Layout title="Link not valid">
      <section class="card narrow" id="closed-link">
        <h1>This link is not valid any more</h1>
        <p>{ask}</p>
        <p>
          <a href="/admin/login">Sign in</a>
        </p>
      </section>
    </Layout>
  )
}
