import type { Deps } from '@src/deps'
import { safeFallbackA } from '@src/domain/site/fail-safe'
import { configProblems } from '@src/domain/site/model'
import type { SiteConfig } from '@src/domain/site/site-config'
import type { Scope } from '@src/domain/tenancy/scope'
import { lastMonths } from '@src/services/site-history'
import type { EnergyMarginProps, MarginMonthView } from '@views/admin/energy-margin'
import type { SitePageProps } from '@views/admin/site'
import type { SiteConfigProps } from '@views/admin/site-forms'
import type { SiteListItem } from '@views/admin/site-list'
import type { SiteLiveProps } from '@views/admin/site-live'
import type { FormState } from '@views/components'

/** Charger ids offered in the assign form (a datalist; any registered id may be typed). */
const CHARGER_CHOICES = 500

/** The forms of a site page that are not in their default state. */
export interface SiteForms {
  settings?: FormState
  circuit?: FormState
  connector?: FormState
}

/** Every site within the scope with its size and latest status. */
export async function loadSiteItems(deps: Deps, scope: Scope): Promise<SiteListItem[]> {
  const { sites } = deps.scoped
  const store = deps.services.siteStatus
  const rows = await sites.list(scope)
  const configs = await Promise.all(rows.map((s) => sites.config(scope, s.id)))
  return rows.map((site, i) => {
    const connectors = configs[i]?.connectors ?? []
    return {
      site,
      chargers: new Set(connectors.map((k) => k.chargerId)).size,
      evses: connectors.length,
      status: store.latest(site.id),
    }
  })
}

/** The live part of a site page: from the status store, no database read. */
export function siteLive(deps: Deps, config: SiteConfig): SiteLiveProps {
  const store = deps.services.siteStatus
  return {
    now: deps.clock.now(),
    config,
    status: store.latest(config.site.id),
    samples: store.samples(config.site.id),
    failSafeA: safeFallbackA(config),
  }
}

/** The editable part of a site page; undefined for an unknown site or one outside the scope. */
export async function loadSiteConfig(
  deps: Deps,
  scope: Scope,
  siteId: string,
  forms: SiteForms = {},
): Promise<SiteConfigProps | undefined> {
  const { sites, chargers } = deps.scoped
  const [config, known] = await Promise.all([
    sites.config(scope, siteId),
    chargers.list(scope, { limit: CHARGER_CHOICES, offset: 0 }),
  ])
  if (!config) return undefined
  return {
    config,
    chargerIds: known.rows.map((c) => c.id),
    problems: configProblems(config),
    failSafeA: safeFallbackA(config),
    ...forms,
  }
}

/** Everything a site page shows; undefined for an unknown site or one outside the scope. */
export async function loadSitePage(
  deps: Deps,
  scope: Scope,
  siteId: string,
  operator: string,
  forms: SiteForms = {},
): Promise<SitePageProps | undefined> {
  const config = await loadSiteConfig(deps, scope, siteId, forms)
  if (!config) return undefined
  const history = deps.services.siteHistory
  const [peaks, hours] = await Promise.all([history.monthlyPeaks(siteId, 12), history.lastDayByHour(siteId)])
  const site = config.config.site
  const energyMargin = await energyMarginOf(deps, scope, site)
  return {
    operator,
    live: siteLive(deps, config.config),
    config,
    history: { peaks, hours, targetKw: site.peakTargetKw, phases: site.phases },
    ...(energyMargin ? { energyMargin } : {}),
  }
}

/** Months of the energy margin card, newest first. */
const MARGIN_MONTHS = 3

/**
 * The energy margin card of a site page: the last months' margins, or why there are none; undefined
 * for a caller without `reports:read` on the site (the page shows no card then).
 */
async function energyMarginOf(
  deps: Deps,
  scope: Scope,
  site: { id: string; timeZone: string },
): Promise<EnergyMarginProps | undefined> {
  const reached = await deps.scoped.sites.reach(scope, site.id, 'reports:read')
  if (!reached.ok) return undefined
  const margins = deps.services.energyMargins
  const labels = lastMonths(deps.clock.now(), MARGIN_MONTHS, site.timeZone)
    .map((m) => m.label)
    .reverse()
  const outcomes = await Promise.all(labels.map((month) => margins.forMonth(site, month)))
  const months: MarginMonthView[] = []
  for (const [i, out] of outcomes.entries()) {
    if (!out.ok) {
      const note =
        out.status === 404
          ? `No grid tariff is set for this site: set one with PUT /api/v1/sites/${site.id}/grid-tariff.`
          : out.message
      return { months: [], note }
    }
    months.push({ month: labels[i]!, ...out.margin })
  }
  return { months, note: null }
}

/** The circuit and connector forms filled in for editing, from `?circuit=<id>` / `?connector=<charger>/<evse>`. */
export function editForms(config: SiteConfig, query: Record<string, string | undefined>): SiteForms {
  const forms: SiteForms = {}
  const c = config.circuits.find((x) => x.id === query.circuit)
  if (c)
    forms.circuit = {
      values: { circuitId: c.id, name: c.name, parentId: c.parentId ?? '', limitA: String(c.limitA) },
      errors: {},
    }
  const k = config.connectors.find((x) => `${x.chargerId}/${x.evseId}` === query.connector)
  if (k)
    forms.connector = {
      values: {
        chargerId: k.chargerId,
        evseId: String(k.evseId),
        circuitId: k.circuitId ?? '',
        maxA: String(k.maxA),
        wiring: k.wiring,
      },
      errors: {},
    }
  return forms
}
