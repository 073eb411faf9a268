import { Layout } from '../layout'
import { EnergyMarginCard, type EnergyMarginProps } from './energy-margin'
import { siteHref } from './site-actions'
import { type SiteConfigProps, SiteConfigSection } from './site-forms'
import { SiteHistory, type SiteHistoryProps } from './site-history'
import { SiteLive, type SiteLiveProps } from './site-live'

/** Everything a site page shows. */
export interface SitePageProps {
  operator: string
  live: SiteLiveProps
  config: SiteConfigProps
  history: SiteHistoryProps
  /** energy margin: absent for a caller without `reports:read` on the site. */
  energyMargin?: EnergyMarginProps
}

/** A site: live load against its fuses, sessions, the fuse tree, settings and load history. */
export function SitePage(props: SitePageProps) {
  const site = props.config.config.site
  return (
    <Layout title={site.name} operator={props.operator} active="sites">
      <p class="crumbs">
        <a href="/admin/sites">Sites</a> /
      </p>
      <div class="page-head">
        <h1 safe>{site.name}</h1>
        <span class="muted" safe>
          {`${site.id} · ${site.phases === 1 ? '1' : '3'} × ${site.mainFuseA} A · ${site.voltageV} V`}
        </span>
      </div>
      <div hx-ext="sse" sse-connect={siteHref(site.id).replace('/admin/sites', '/admin/live/sites')}>
        <div id="site-live" sse-swap="live">
          <SiteLive {...props.live} />
        </div>
      </div>
      <SiteConfigSection {...props.config} />
      <SiteHistory {...props.history} />
      {props.energyMargin ? <EnergyMarginCard {...props.energyMargin} /> : ''}
    </Layout>
  )
}
