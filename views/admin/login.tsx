import { Field } from '../components'
import { Layout } from '../layout'

/** What the login form shows back after a failed attempt. */
export interface LoginProps {
  email?: string
  error?: string
  next?: string
}

/** The operator sign-in page. */
export function LoginPage(props: LoginProps) {
  return (
    <Layout title="Sign in">
      <section class="card narrow">
        <h1>⚡ CSMS</h1>
        <p class="muted">Sign in to run your chargers.</p>
        <form method="post" action="/admin/login" hx-boost="false">
          <input type="hidden" name="next" value={props.next ?? '/admin/chargers'} />
          <Field label="Email" name="email">
            <input
              type="email"
              name="email"
              value={props.email ?? ''}
              autocomplete="username"
              required
              autofocus
            />
          </Field>
          <Field label="Password" name="password" error={props.error}>
            <input type="password" name="password" autocomplete="current-password" required />
          </Field>
          <button type="submit" class="primary">
            Sign in
          </button>
        </form>
        <p class="muted small" id="forgot-password">
          Forgot your password? Ask an administrator of your organization for a reset link: this system sends
          no email.
        </p>
      </section>
    </Layout>
  )
}
