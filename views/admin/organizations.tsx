import { Field, Notice } from '../components'
import { Layout } from '../layout'

/** An organization as the tree shows it, with its depth below the top of what the caller sees. */
export interface OrgNodeView {
  id: string
  name: string
  kind: string
  depth: number
}

/** An API key as listed: never its secret. */
export interface ApiKeyView {
  id: string
  organizationId: string
  name: string
  permissions: string[]
  revoked: boolean
}

/** Everything the organizations page shows. */
export interface OrganizationsProps {
  operator: string
  tree: OrgNodeView[]
  keys: ApiKeyView[]
  /** A message after a change; a new key's secret, shown this once. */
  notice?: string
  secret?: string
  error?: string
}

/** The organization tree and its API keys, with forms to add an organization or a key. */
export function OrganizationsPage(p: OrganizationsProps) {
  return (
    <Layout title="Organizations" operator={p.operator} active="organizations">
      <h1>Organizations</h1>
      {p.notice ? <Notice tone="ok" text={p.notice} /> : ''}
      {p.error ? (
        <p class="error" safe>
          {p.error}
        </p>
      ) : (
        ''
      )}
      {p.secret ? (
        <p class="card">
          New key (shown once, store it now): <code safe>{p.secret}</code>
        </p>
      ) : (
        ''
      )}
      <section class="card">
        <ul>
          {p.tree.map((o) => (
            <li style={`margin-left:${o.depth * 1.5}em`}>
              <strong safe>{o.name}</strong> <span class="muted mono" safe>{`${o.id} · ${o.kind}`}</span>
              <form
                method="post"
                action={`/admin/organizations/${encodeURIComponent(o.id)}/delete`}
                class="inline"
              >
                <button type="submit" class="link">
                  Delete
                </button>
              </form>
            </li>
          ))}
        </ul>
        <form method="post" action="/admin/organizations">
          <Field label="Id" name="id">
            <input name="id" required maxlength="64" size="12" />
          </Field>
          <Field label="Name" name="name">
            <input name="name" required maxlength="100" />
          </Field>
          <Field label="Under (empty: your organization, or the platform for a new customer)" name="parentId">
            <input name="parentId" maxlength="64" size="12" />
          </Field>
          <button type="submit">Add organization</button>
        </form>
      </section>
      <h2>API keys</h2>
      <section class="card">
        <table>
          <tbody>
            {p.keys.map((k) => (
              <tr>
                <td safe>{k.name}</td>
                <td class="mono" safe>{`${k.organizationId} · ${k.id}`}</td>
                <td safe>{k.permissions.join(', ')}</td>
                <td>
                  {k.revoked ? (
                    'revoked'
                  ) : (
                    <form method="post" action={`/admin/api-keys/${encodeURIComponent(k.id)}/revoke`}>
                      <button type="submit" class="link">
                        Revoke
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <form method="post" action="/admin/api-keys">
          <Field label="Name" name="name">
            <input name="name" required maxlength="100" />
          </Field>
          <Field label="Organization (empty: yours)" name="organizationId">
            <input name="organizationId" maxlength="64" size="12" />
          </Field>
          <Field label="Permissions (comma separated, e.g. chargers:read,tokens:read)" name="permissions">
            <input name="permissions" required maxlength="1000" />
          </Field>
          <button type="submit">Make key</button>
        </form>
      </section>
    </Layout>
  )
}
