import type { Deps } from '@src/deps'
import { Elysia } from 'elysia'
import { billingAdmin } from './billing'
import { buyersAdmin } from './buyers'
import { invoicesAdmin } from './invoices'

/**
 * The billing admin as one controller: the seller profile and billing runs, the invoices and their
 * actions, buyers' invoicing details. One `use` in the admin (its route types stay shallow).
 */
export function billingPages(deps: Deps) {
  return new Elysia({ name: 'billing-pages' })
    .use(billingAdmin(deps))
    .use(invoicesAdmin(deps))
    .use(buyersAdmin(deps))
}
