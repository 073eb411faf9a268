/** The whole database schema (drizzle-kit reads this to generate `migrations/`). */
export * from './access'
export * from './chargers'
export * from './device'
// driver pages: sign-in links, driver sessions, weekly departure plans
export * from './driver-accounts'
// energy cost and margin: a site's grid tariff
export * from './grid-tariffs'
// billing: seller profiles, invoices, credit notes, payments, billing runs
export * from './invoices'
export * from './operators'
export * from './organizations'
export * from './people'
// price series: spot prices per slot, their revisions
export * from './price-series'
export * from './sites'
export * from './tariffs'
export * from './tokens'
export * from './transactions'
