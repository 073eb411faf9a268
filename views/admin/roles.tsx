import { Field, Notice } from '../components'
import { Layout } from '../layout'

/** A permission as a role shows or offers it: its catalog name and what a person reads. */
export interface PermissionView {
  id: string
  label: string
}

/** A role as the roles page lists it. */
export interface RoleRowView {
  id: string
  name: string
  /** The organization's name; absent for a built-in role. */
  organization?: string
  permissions: PermissionView[]
  /** The reader may change or delete it: with these permissions to choose from (empty: read-only). */
  offered: PermissionView[]
}

/** An organization a role may be made in. */
export interface RoleOrgChoice {
  id: string
  name: string
}

/** Everything the roles page shows. */
export interface RolesProps {
  operator: string
  builtIn: RoleRowView[]
  custom: RoleRowView[]
  /** The form to make a role, when the reader may make one somewhere. */
  create?: { organizations: RoleOrgChoice[]; offered: PermissionView[] }
  notice?: string
  error?: string
}

/** The form field name of a permission's checkbox. */
export const permissionField = (p: string) => `p:${p}`

function PermissionChecks(props: { offered: PermissionView[]; held: ReadonlySet<string> }) {
  return (
    <fieldset class="permissions">
      <legend>Permissions</legend>
      {props.offered.map((p) => (
        <label class="check">
          <input type="checkbox" name={permissionField(p.id)} value="on" checked={props.held.has(p.id)} />{' '}
          <span safe>{p.label}</span>{' '}
          <span class="muted mono small" safe>
            {p.id}
          </span>
        </label>
      ))}
    </fieldset>
  )
}

function PermissionList(props: { permissions: PermissionView[] }) {
  return (
    <ul class="small">
      {props.permissions.map((p) => (
        <li>
          <span safe>{p.label}</span>{' '}
          <span class="muted mono" safe>
            {p.id}
          </span>
        </li>
      ))}
    </ul>
  )
}

function CustomRole(props: { r: RoleRowView }) {
  const { r } = props
  const href = `/admin/roles/${encodeURIComponent(r.id)}`
  return (
    <section class="card" id={`role-${r.id}`}>
      <h3>
        <span safe>{r.name}</span> <span class="muted" safe>{`in ${r.organization ?? ''}`}</span>
      </h3>
      {r.offered.length ? (
        <>
          <form method="post" action={href}>
            <Field label="Name" name="name">
              <input name="name" value={r.name} required maxlength="60" />
            </Field>
            <PermissionChecks offered={r.offered} held={new Set(r.permissions.map((p) => p.id))} />
            <button type="submit">Save role</button>
          </form>
          <form method="post" action={`${href}/delete`} hx-confirm="Delete this role?">
            <button type="submit" class="link">
              Delete role
            </button>
          </form>
        </>
      ) : (
        <PermissionList permissions={r.permissions} />
      )}
    </section>
  )
}

/** The built-in roles with their permissions, the organizations' own roles, and a form to make one. */
export function RolesPage(p: RolesProps) {
  return (
    <Layout title="Roles" operator={p.operator} active="roles">
      <h1>Roles</h1>
      {p.notice ? <Notice tone="ok" text={p.notice} /> : ''}
      {p.error ? <Notice tone="bad" text={p.error} /> : ''}
      <h2>Built-in roles</h2>
      <table id="built-in-roles">
        <tbody>
          {p.builtIn.map((r) => (
            <tr id={`role-${r.id}`}>
              <th safe>{r.name}</th>
              <td>
                <PermissionList permissions={r.permissions} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Your organizations' roles</h2>
      {p.custom.length ? (
        p.custom.map((r) => <CustomRole r={r} />)
      ) : (
        <p class="muted">No custom roles yet.</p>
      )}
      {p.create ? (
        <section class="card" id="new-role">
          <h2>New role</h2>
          <p class="muted small">A role can hold only permissions you hold yourself in its organization.</p>
          <form method="post" action="/admin/roles">
            <Field label="Organization" name="organizationId">
              <select name="organizationId">
                {p.create.organizations.map((o) => (
                  <option value={o.id} safe>
                    {o.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Name" name="name">
              <input name="name" required maxlength="60" />
            </Field>
            <PermissionChecks offered={p.create.offered} held={new Set()} />
            <button type="submit" class="primary">
              Make role
            </button>
          </form>
        </section>
      ) : (
        ''
      )}
    </Layout>
  )
}
