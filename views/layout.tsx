import type { PropsWithChildren } from '@kitajs/html'

/** Pinned asset versions, served by the app itself (never a CDN). */
export const assets = {
  htmx: '/static/htmx-2.0.11.min.js',
  sse: '/static/htmx-sse-2.2.4.js',
  css: '/static/app.css',
}

/**
 * htmx swaps 4xx answers too: our forms answer a validation error with the form re-rendered (400/409)
 * and a person must see it. 5xx answers are not swapped.
 */
const htmxConfig = JSON.stringify({
  responseHandling: [
    { code: '204', swap: false },
    { code: '[234]..', swap: true },
    { code: '...', swap: false, error: true },
  ],
})

/** The navigation entries of the admin. */
const nav = [
  { href: '/admin/chargers', label: 'Chargers', key: 'chargers' },
  { href: '/admin/sites', label: 'Sites', key: 'sites' },
  { href: '/admin/transactions', label: 'Transactions', key: 'transactions' },
  { href: '/admin/tokens', label: 'Tokens', key: 'tokens' },
  // policies
  { href: '/admin/policies', label: 'Policies', key: 'policies' },
  // people admin pages: drivers, households, business accounts, groups, import
  { href: '/admin/drivers', label: 'People', key: 'people' },
  // tariff-admin: tariffs and CDRs
  { href: '/admin/tariffs', label: 'Tariffs', key: 'tariffs' },
  { href: '/admin/cdrs', label: 'CDRs', key: 'cdrs' },
  // billing admin: invoices, the seller profile and billing runs
  { href: '/admin/invoices', label: 'Billing', key: 'billing' },
  { href: '/admin/organizations', label: 'Organizations', key: 'organizations' },
  { href: '/admin/audit', label: 'Audit', key: 'audit' },
  { href: '/admin/accounts', label: 'Accounts', key: 'accounts' },
  // accounts: roles
  { href: '/admin/roles', label: 'Roles', key: 'roles' },
]

export interface LayoutProps {
  title: string
  /** The signed-in operator's email; absent on the login page. */
  operator?: string
  active?: string
  /** driver pages: the page's language (default `en`). */
  lang?: string
}

/** A full admin page. htmx requests get only the page's fragment, never this layout. */
export function Layout(props: PropsWithChildren<LayoutProps>) {
  return (
    <>
      {'<!doctype html>'}
      <html lang={props.lang ?? 'en'}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title safe>{`${props.title} · CSMS`}</title>
          <link
            rel="icon"
            href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Ctext y='14' font-size='14'%3E⚡%3C/text%3E%3C/svg%3E"
          />
          <meta name="htmx-config" content={htmxConfig} />
          <link rel="stylesheet" href={assets.css} />
          <script src={assets.htmx} defer />
          <script src={assets.sse} defer />
        </head>
        <body hx-boost="true">
          {props.operator ? (
            <header class="topbar">
              <a class="brand" href="/admin/chargers">
                ⚡ CSMS
              </a>
              <nav>
                {nav.map((n) => (
                  <a href={n.href} class={n.key === props.active ? 'active' : ''} safe>
                    {n.label}
                  </a>
                ))}
              </nav>
              <form method="post" action="/admin/logout" class="logout">
                <a class="muted" href="/admin/account" safe>
                  {props.operator}
                </a>
                <button type="submit" class="link">
                  Sign out
                </button>
              </form>
            </header>
          ) : (
            ''
          )}
          <main>{props.children}</main>
        </body>
      </html>
    </>
  )
}
