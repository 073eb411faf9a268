import { Field, type FormState, Notice } from '../components'
import { Layout } from '../layout'

/** `/admin/buyers/:kind/:id/billing`: a buyer's invoicing details (address, country, VAT number). */
export function BuyerBillingPage(p: {
  operator: string
  buyer: { kind: string; name: string; href: string; listHref: string; listLabel: string }
  action: string
  form: FormState
  canWrite: boolean
}) {
  const f = p.form
  return (
    <Layout title={`${p.buyer.name}: invoicing`} operator={p.operator} active="people">
      <p class="crumbs">
        <a href={p.buyer.listHref} safe>
          {p.buyer.listLabel}
        </a>{' '}
        /{' '}
        <a href={p.buyer.href} safe>
          {p.buyer.name}
        </a>{' '}
        /
      </p>
      <h1 safe>{`Invoicing details of ${p.buyer.name}`}</h1>
      <form method="post" action={p.action} class="card buyer-billing">
        {f.notice ? <Notice tone="ok" text={f.notice} /> : ''}
        <p class="muted">
          What the next billing run puts on this buyer's invoices. Issued invoices keep theirs.
        </p>
        <Field label="Address (one line each)" name="addressLines" error={f.errors.addressLines}>
          <textarea name="addressLines" rows="3" maxlength="400" safe>
            {f.values.addressLines ?? ''}
          </textarea>
        </Field>
        <Field label="Country" name="country" error={f.errors.country} hint="ISO code, e.g. SE">
          <input name="country" maxlength="2" value={f.values.country ?? ''} />
        </Field>
        <Field
          label="VAT number"
          name="vatNumber"
          error={f.errors.vatNumber}
          hint="a business abroad in the EU with one is reverse-charged"
        >
          <input name="vatNumber" maxlength="16" value={f.values.vatNumber ?? ''} />
        </Field>
        {p.canWrite ? (
          <button type="submit" class="primary">
            Save invoicing details
          </button>
        ) : (
          ''
        )}
      </form>
    </Layout>
  )
}
