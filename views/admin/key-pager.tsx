/** Where a keyed page of an admin list sits (the CDRs, the invoices). */
export interface KeyPageInfo {
  /** Position of the first row, from 0 (carried in the links, since pages are keyed). */
  from: number
  shown: number
  total: number
  hasPrevious: boolean
  hasNext: boolean
  /** Keys of the first and last rows shown: where the previous and next pages start. */
  firstKey?: string
  lastKey?: string
}

/** A link to a list (or its download) with the filter's non-empty fields kept and `extra` added. */
export function listLink(base: string, filter: Record<string, string>, extra: Record<string, string> = {}) {
  const q = new URLSearchParams({
    ...Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== '')),
    ...extra,
  }).toString()
  return q ? `${base}?${q}` : base
}

/** "51–100 of 240" with first / previous / next links to `base` that keep the filter. */
export function KeyPager(p: {
  base: string
  page: KeyPageInfo
  limit: number
  filter: Record<string, string>
}) {
  const { page, limit } = p
  const link = (extra: Record<string, string>) => listLink(p.base, p.filter, extra)
  return (
    <div class="pager">
      <span class="muted" safe>
        {page.total === 0 ? 'none' : `${page.from + 1}–${page.from + page.shown} of ${page.total}`}
      </span>
      {page.hasPrevious && page.from > limit ? <a href={link({})}>« first</a> : ''}
      {page.hasPrevious && page.firstKey ? (
        <a href={link({ before: page.firstKey, offset: String(Math.max(0, page.from - limit)) })}>
          ← previous
        </a>
      ) : (
        ''
      )}
      {page.hasNext && page.lastKey ? (
        <a href={link({ after: page.lastKey, offset: String(page.from + limit) })}>next →</a>
      ) : (
        ''
      )}
    </div>
  )
}
