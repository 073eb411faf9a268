import { Field, Notice } from '../components'

/** The sub-pages of People, in the order the tabs show them. */
const tabs = [
  { href: '/admin/drivers', label: 'Drivers', key: 'drivers' },
  { href: '/admin/households', label: 'Households', key: 'households' },
  { href: '/admin/business-accounts', label: 'Business accounts', key: 'business' },
  { href: '/admin/groups', label: 'Groups', key: 'groups' },
  { href: '/admin/tokens', label: 'Tokens', key: 'tokens' },
  { href: '/admin/people/import', label: 'Import / export', key: 'import' },
] as const

/** Which People tab a page is. */
export type PeopleTab = (typeof tabs)[number]['key']

/** The People sub-tabs above each of its pages. */
export function PeopleTabs(props: { active: PeopleTab }) {
  return (
    <nav class="tabs">
      {tabs.map((t) => (
        <a href={t.href} class={t.key === props.active ? 'active' : ''}>
          {t.label}
        </a>
      ))}
    </nav>
  )
}

/** An organization a new row may be put in. */
export interface OrgChoice {
  id: string
  name: string
}

/**
 * The organization a new row goes to: a choice only when the caller may write in several (its own is
 * preselected); with one, nothing to choose and the service puts it there.
 */
export function OrgPicker(props: { choices: OrgChoice[]; value: string; error?: string | undefined }) {
  if (props.choices.length <= 1) return ''
  return (
    <Field label="Organization" name="organizationId" error={props.error}>
      <select name="organizationId">
        {props.choices.map((o) => (
          <option value={o.id} selected={o.id === props.value} safe>
            {o.name === o.id ? o.id : `${o.name} (${o.id})`}
          </option>
        ))}
      </select>
    </Field>
  )
}

/** A choice of a select: a value and what a person reads. */
export interface Choice {
  value: string
  label: string
}

/** A select with an empty "none" first choice. */
export function ChoiceSelect(props: { name: string; choices: Choice[]; value: string; none?: string }) {
  return (
    <select name={props.name}>
      <option value="" safe>
        {props.none ?? '—'}
      </option>
      {props.choices.map((c) => (
        <option value={c.value} selected={c.value === props.value} safe>
          {c.label}
        </option>
      ))}
    </select>
  )
}

/** A form's message not about one field (a refusal, a removal that must wait), and its notice. */
export function FormMessages(props: { errors: Record<string, string>; notice?: string | undefined }) {
  return (
    <>
      {props.notice ? <Notice tone="ok" text={props.notice} /> : ''}
      {props.errors.form ? <Notice tone="bad" text={props.errors.form} /> : ''}
    </>
  )
}

/** A post button on its own (delete, remove): one small form. */
export function PostButton(props: { action: string; label: string; confirm?: string; primary?: boolean }) {
  return (
    <form method="post" action={props.action} class="inline" hx-confirm={props.confirm}>
      <button type="submit" class={props.primary ? 'primary' : ''} safe>
        {props.label}
      </button>
    </form>
  )
}
