/**
 * What acts on a site's configuration: its admin URL, the htmx swap of the configuration section, and
 * the Edit and Remove actions of a row of its circuits or connectors.
 */

/** The URL of a site's admin page (or a path under it). */
export const siteHref = (id: string, rest = '') => `/admin/sites/${encodeURIComponent(id)}${rest}`

/** htmx attributes of a form or button that posts to `action` and swaps the configuration section. */
export const swapConfig = (action: string) => ({
  method: 'post',
  action,
  'hx-post': action,
  'hx-target': '#site-config',
  'hx-swap': 'outerHTML',
})

/** Edit (fills the card's form) and Remove (after a confirmation) for a row of a site's table. */
export function RowActions(props: {
  site: string
  edit: string
  anchor: string
  remove: string
  confirm: string
}) {
  return (
    <td class="actions">
      <a
        href={siteHref(props.site, `?${props.edit}#${props.anchor}`)}
        hx-get={siteHref(props.site, `/config?${props.edit}`)}
        hx-target="#site-config"
        hx-swap="outerHTML"
      >
        Edit
      </a>{' '}
      <form
        {...swapConfig(siteHref(props.site, props.remove))}
        class="inline-action"
        hx-confirm={props.confirm}
      >
        <button type="submit" class="small">
          Remove
        </button>
      </form>
    </td>
  )
}
