import { Field, type FormState } from '../components'
import { Layout } from '../layout'
import {
  type Choice,
  ChoiceSelect,
  FormMessages,
  type OrgChoice,
  OrgPicker,
  PeopleTabs,
  PostButton,
} from './people-tabs'

/** A group as the list shows it. */
export interface GroupListView {
  id: string
  name: string
  kind: string
  members: number
}

/** Everything the groups page shows. */
export interface GroupsProps {
  operator: string
  rows: GroupListView[]
  pager: JSX.Element
  search: string
  form: FormState
  orgs: { choices: OrgChoice[]; own: string }
  /** The kinds a group may be. */
  kinds: readonly string[]
}

/** The groups (employees, tenants, visitors, …) access policies name, with a form to add one. */
export function GroupsPage(p: GroupsProps) {
  return (
    <Layout title="Groups" operator={p.operator} active="people">
      <PeopleTabs active="groups" />
      <h1>Groups</h1>
      <section class="card">
        <form method="get" action="/admin/groups" class="inline">
          <Field label="Search by name" name="search">
            <input name="search" value={p.search} maxlength="100" type="search" />
          </Field>
          <button type="submit">Search</button>
        </form>
        {p.rows.length ? (
          <table id="groups">
            <thead>
              <tr>
                <th>Name</th>
                <th>Kind</th>
                <th>Members</th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((g) => (
                <tr>
                  <td>
                    <a href={`/admin/groups/${encodeURIComponent(g.id)}`} safe>
                      {g.name}
                    </a>
                  </td>
                  <td safe>{g.kind}</td>
                  <td>{g.members}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p class="muted">{p.search ? 'No group matches.' : 'No groups yet.'}</p>
        )}
        {/* the rendered Pager component: markup whose text it escaped itself */}
        {p.pager as 'safe'}
      </section>
      <section class="card" id="group-form">
        <h2>Add a group</h2>
        <GroupForm action="/admin/groups" submit="Add group" form={p.form} orgs={p.orgs} kinds={p.kinds} />
      </section>
    </Layout>
  )
}

/** A group's name and kind. */
export function GroupForm(p: {
  action: string
  submit: string
  form: FormState
  kinds: readonly string[]
  orgs?: { choices: OrgChoice[]; own: string }
}) {
  const v = p.form.values
  const e = p.form.errors
  return (
    <form method="post" action={p.action} class="inline">
      <FormMessages errors={e} notice={p.form.notice} />
      <Field label="Name" name="name" error={e.name}>
        <input name="name" value={v.name ?? ''} required maxlength="120" />
      </Field>
      <Field label="Kind" name="kind" error={e.kind} hint="custom: any other group, by its name">
        <select name="kind">
          {p.kinds.map((k) => (
            <option value={k} selected={(v.kind ?? 'custom') === k} safe>
              {k}
            </option>
          ))}
        </select>
      </Field>
      {p.orgs ? (
        <OrgPicker choices={p.orgs.choices} value={v.organizationId ?? p.orgs.own} error={e.organizationId} />
      ) : (
        ''
      )}
      <button type="submit" class="primary" safe>
        {p.submit}
      </button>
    </form>
  )
}

/** A member as the group's page shows it. */
export interface MemberView {
  kind: 'driver' | 'household' | 'token' | 'business'
  id: string
  label: string
  /** Its page, when it has one. */
  href: string | null
}

/** What may be added, by member kind: the organization's rows not yet members. */
export type Candidates = Record<MemberView['kind'], Choice[]>

/** Everything a group's page shows. */
export interface GroupProps {
  operator: string
  group: { id: string; name: string; kind: string }
  members: MemberView[]
  candidates: Candidates
  edit: FormState
  kinds: readonly string[]
  /** A refused member change or removal. */
  error?: string
}

const KIND_NAMES: Record<MemberView['kind'], string> = {
  driver: 'Driver',
  household: 'Household',
  token: 'Card',
  business: 'Business account',
}

/** A group: its members (add each kind with a picker, remove), its name and kind, and removal. */
export function GroupPage(p: GroupProps) {
  const g = p.group
  const base = `/admin/groups/${encodeURIComponent(g.id)}`
  return (
    <Layout title={g.name} operator={p.operator} active="people">
      <PeopleTabs active="groups" />
      <p class="crumbs">
        <a href="/admin/groups">Groups</a> /
      </p>
      <h1 safe>{g.name}</h1>
      <p class="muted" safe>{`A group of kind ${g.kind}.`}</p>
      <FormMessages errors={p.error ? { form: p.error } : {}} />
      <section class="card" id="group-members">
        <h2>Members</h2>
        {p.members.length ? (
          <table>
            <thead>
              <tr>
                <th>Kind</th>
                <th>Member</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {p.members.map((m) => (
                <tr>
                  <td safe>{KIND_NAMES[m.kind]}</td>
                  <td>
                    {m.href ? (
                      <a href={m.href} safe>
                        {m.label}
                      </a>
                    ) : (
                      <span safe>{m.label}</span>
                    )}
                  </td>
                  <td>
                    <PostButton
                      action={`${base}/members/${m.kind}/${encodeURIComponent(m.id)}/delete`}
                      label="Remove"
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p class="muted">No members yet.</p>
        )}
        <div class="member-pickers">
          {(['driver', 'household', 'token', 'business'] as const).map((kind) => (
            <form method="post" action={`${base}/members`} class="inline" id={`add-${kind}`}>
              <input type="hidden" name="kind" value={kind} />
              <Field label={`Add a ${KIND_NAMES[kind].toLowerCase()}`} name="id">
                <ChoiceSelect name="id" choices={p.candidates[kind]} value="" none="choose…" />
              </Field>
              <button type="submit" disabled={p.candidates[kind].length === 0}>
                Add
              </button>
            </form>
          ))}
        </div>
        <p class="muted small">
          A household's or business account's membership holds for all its drivers and cards.
        </p>
      </section>
      <section class="card" id="group-form">
        <h2>Name and kind</h2>
        <GroupForm action={base} submit="Save" form={p.edit} kinds={p.kinds} />
      </section>
      <section class="card" id="group-remove">
        <h2>Remove</h2>
        <p class="muted">A group an access policy names is not removed: change the policy first.</p>
        <PostButton action={`${base}/delete`} label="Remove group" confirm={`Remove the group ${g.name}?`} />
      </section>
    </Layout>
  )
}
