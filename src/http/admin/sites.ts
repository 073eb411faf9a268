import type { Deps } from '@src/deps'
import { canAnywhere, type Scope } from '@src/domain/tenancy/scope'
import { SitePage } from '@views/admin/site'
import { SiteConfigSection, siteValues } from '@views/admin/site-forms'
import { AddSiteForm, SitesPage } from '@views/admin/site-list'
import { Elysia } from 'elysia'
import { requireOperator, wantsFragment } from './auth'
import { formFields, html } from './render'
import { editForms, loadSiteConfig, loadSiteItems, loadSitePage, type SiteForms } from './site-data'
import { parseNewSite, parseSettings } from './site-form-input'

const notFoundPage = (id: string) =>
  html(`<p>No site ${Bun.escapeHTML(id)}. <a href="/admin/sites">Back to the sites</a></p>`, 404)

/**
 * Answers a form on a site page: the configuration section for htmx (with the form's messages and
 * what was typed), else the whole page on an error or a redirect back to it after a change.
 */
export async function configAnswer(
  deps: Deps,
  req: { headers: Record<string, string | undefined>; operator: string; scope: Scope },
  siteId: string,
  forms: SiteForms,
  status = 200,
): Promise<Response> {
  if (!wantsFragment(req.headers) && status < 400)
    return new Response(null, {
      status: 303,
      headers: { location: `/admin/sites/${encodeURIComponent(siteId)}` },
    })
  if (wantsFragment(req.headers)) {
    const props = await loadSiteConfig(deps, req.scope, siteId, forms)
    return props ? html(SiteConfigSection(props), status) : notFoundPage(siteId)
  }
  const page = await loadSitePage(deps, req.scope, siteId, req.operator, forms)
  return page ? html(SitePage(page), status) : notFoundPage(siteId)
}

/** The sites list, a site's page, creating a site, its settings and deleting it. */
export function sitesAdmin(deps: Deps) {
  const { sites } = deps.scoped
  const operatorOf = (o: { email: string } | undefined) => o?.email ?? ''
  return new Elysia({ prefix: '/admin/sites' })
    .use(requireOperator(deps))
    .get('', async ({ operator, scope }) => {
      const items = await loadSiteItems(deps, scope!)
      const form = { values: {}, errors: {} }
      // accounts: a read-only role gets no add form
      const canAdd = canAnywhere(scope!, 'sites:write')
      return html(SitesPage({ operator: operatorOf(operator), now: deps.clock.now(), items, form, canAdd }))
    })
    .post('', async ({ body, headers, scope }) => {
      const values = formFields(body)
      const form = parseNewSite(values)
      if (!form.ok) return html(AddSiteForm({ values, errors: form.errors }), 400)
      const { id, settings } = form.data
      if (await deps.services.siteEdits.exists(id))
        return html(AddSiteForm({ values, errors: { id: `${id} already exists` } }), 409)
      const organizationId = values.organizationId || undefined
      const saved = await deps.services.siteEdits.saveSite(scope!, id, { ...settings, organizationId })
      if (!saved.ok) return html(AddSiteForm({ values, errors: saved.errors }), saved.status)
      const href = `/admin/sites/${encodeURIComponent(id)}`
      if (!wantsFragment(headers)) return new Response(null, { status: 303, headers: { location: href } })
      return html(AddSiteForm({ values: {}, errors: {}, notice: `Added ${settings.name}.` }), 200, {
        'hx-redirect': href,
      })
    })
    .get('/:id', async ({ params, query, operator, scope }) => {
      const config = await sites.config(scope!, params.id)
      if (!config) return notFoundPage(params.id)
      const page = await loadSitePage(deps, scope!, params.id, operatorOf(operator), editForms(config, query))
      return page ? html(SitePage(page)) : notFoundPage(params.id)
    })
    .get('/:id/config', async ({ params, query, scope }) => {
      const config = await sites.config(scope!, params.id)
      if (!config) return notFoundPage(params.id)
      const props = await loadSiteConfig(deps, scope!, params.id, editForms(config, query))
      return props ? html(SiteConfigSection(props)) : notFoundPage(params.id)
    })
    .post('/:id/settings', async ({ params, body, headers, operator, scope }) => {
      const site = await sites.reach(scope!, params.id, 'sites:write')
      if (!site.ok)
        return site.status === 404 ? notFoundPage(params.id) : html(Bun.escapeHTML(site.message), 403)
      const values = formFields(body)
      const req = { headers, operator: operatorOf(operator), scope: scope! }
      const settings = parseSettings(values)
      if (!settings.ok)
        return configAnswer(deps, req, params.id, { settings: { values, errors: settings.errors } }, 400)
      const outcome = await deps.services.siteEdits.saveSite(scope!, params.id, settings.data)
      if (!outcome.ok)
        return configAnswer(deps, req, params.id, { settings: { values, errors: outcome.errors } }, 400)
      const saved = siteValues((await sites.find(scope!, params.id))!)
      return configAnswer(deps, req, params.id, { settings: { values: saved, errors: {}, notice: 'Saved.' } })
    })
    .post('/:id/delete', async ({ params, headers, scope }) => {
      const outcome = await deps.services.siteEdits.deleteSite(scope!, params.id)
      if (!outcome.ok)
        return outcome.status === 404
          ? notFoundPage(params.id)
          : html(Object.values(outcome.errors).join('; '), outcome.status)
      if (wantsFragment(headers))
        return new Response(null, { status: 200, headers: { 'hx-redirect': '/admin/sites' } })
      return new Response(null, { status: 303, headers: { location: '/admin/sites' } })
    })
}
