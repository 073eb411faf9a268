import type { Deps } from '@src/deps'
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
  req: { headers: Record<string, string | undefined>; operator: string },
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
    const props = await loadSiteConfig(deps, siteId, forms)
    return props ? html(SiteConfigSection(props), status) : notFoundPage(siteId)
  }
  const page = await loadSitePage(deps, siteId, req.operator, forms)
  return page ? html(SitePage(page), status) : notFoundPage(siteId)
}

/** The sites list, a site's page, creating a site, its settings and deleting it. */
export function sitesAdmin(deps: Deps) {
  const { sites } = deps.repos
  const operatorOf = (o: { email: string } | undefined) => o?.email ?? ''
  return new Elysia({ prefix: '/admin/sites' })
    .use(requireOperator(deps))
    .get('', async ({ operator }) => {
      const items = await loadSiteItems(deps)
      const form = { values: {}, errors: {} }
      return html(SitesPage({ operator: operatorOf(operator), now: deps.clock.now(), items, form }))
    })
    .post('', async ({ body, headers }) => {
      const values = formFields(body)
      const form = parseNewSite(values)
      if (!form.ok) return html(AddSiteForm({ values, errors: form.errors }), 400)
      const { id, settings } = form.data
      if (await sites.find(id))
        return html(AddSiteForm({ values, errors: { id: `${id} already exists` } }), 409)
      await deps.services.siteEdits.saveSite(id, settings)
      const href = `/admin/sites/${encodeURIComponent(id)}`
      if (!wantsFragment(headers)) return new Response(null, { status: 303, headers: { location: href } })
      return html(AddSiteForm({ values: {}, errors: {}, notice: `Added ${settings.name}.` }), 200, {
        'hx-redirect': href,
      })
    })
    .get('/:id', async ({ params, query, operator }) => {
      const config = await sites.config(params.id)
      if (!config) return notFoundPage(params.id)
      const page = await loadSitePage(deps, params.id, operatorOf(operator), editForms(config, query))
      return page ? html(SitePage(page)) : notFoundPage(params.id)
    })
    .get('/:id/config', async ({ params, query }) => {
      const config = await sites.config(params.id)
      if (!config) return notFoundPage(params.id)
      const props = await loadSiteConfig(deps, params.id, editForms(config, query))
      return props ? html(SiteConfigSection(props)) : notFoundPage(params.id)
    })
    .post('/:id/settings', async ({ params, body, headers, operator }) => {
      if (!(await sites.find(params.id))) return notFoundPage(params.id)
      const values = formFields(body)
      const req = { headers, operator: operatorOf(operator) }
      const settings = parseSettings(values)
      if (!settings.ok)
        return configAnswer(deps, req, params.id, { settings: { values, errors: settings.errors } }, 400)
      const outcome = await deps.services.siteEdits.saveSite(params.id, settings.data)
      if (!outcome.ok)
        return configAnswer(deps, req, params.id, { settings: { values, errors: outcome.errors } }, 400)
      const saved = siteValues((await sites.find(params.id))!)
      return configAnswer(deps, req, params.id, { settings: { values: saved, errors: {}, notice: 'Saved.' } })
    })
    .post('/:id/delete', async ({ params, headers }) => {
      if (!(await deps.services.siteEdits.deleteSite(params.id))) return notFoundPage(params.id)
      if (wantsFragment(headers))
        return new Response(null, { status: 200, headers: { 'hx-redirect': '/admin/sites' } })
      return new Response(null, { status: 303, headers: { location: '/admin/sites' } })
    })
}
