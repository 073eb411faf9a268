/** Where a page of the chargers list sits and how many chargers match. */
export interface ChargerPageInfo {
  /** Position of the first row, from 0 (carried in the links, since pages are keyed by id). */
  from: number
  /** Matching chargers; with `capped`, at least this many. */
  total: number
  capped: boolean
  hasPrevious: boolean
  hasNext: boolean
  /** Ids of the first and last rows shown: the keys of the previous and next pages. */
  firstId?: string
  lastId?: string
}

const number = (n: number) => n.toLocaleString('en-US')

/** The link to a page of the chargers list. */
export function chargersHref(p: {
  search: string
  after?: string
  before?: string
  offset?: number
}): string {
  const q = new URLSearchParams()
  if (p.search) q.set('search', p.search)
  if (p.after !== undefined) q.set('after', p.after)
  if (p.before !== undefined) q.set('before', p.before)
  if (p.offset) q.set('offset', String(p.offset))
  const s = q.toString()
  return s ? `/admin/chargers?${s}` : '/admin/chargers'
}

/** "51–100 of 60,000 chargers" or "1–50 of 1,000+ matches", with first / previous / next links. */
export function ChargersPager(props: {
  page: ChargerPageInfo
  shown: number
  limit: number
  search: string
}) {
  const { page, search, limit } = props
  const noun = search ? (page.total === 1 && !page.capped ? 'match' : 'matches') : 'chargers'
  const text =
    page.total === 0
      ? 'none'
      : `${number(page.from + 1)}–${number(page.from + props.shown)} of ${number(page.total)}${page.capped ? '+' : ''} ${noun}`
  return (
    <div class="pager">
      <span class="muted" safe>
        {text}
      </span>
      {page.hasPrevious && page.from > limit ? <a href={chargersHref({ search })}>« first</a> : ''}
      {page.hasPrevious ? (
        <a href={chargersHref({ search, before: page.firstId, offset: Math.max(0, page.from - limit) })}>
          ← previous
        </a>
      ) : (
        ''
      )}
      {page.hasNext ? (
        <a href={chargersHref({ search, after: page.lastId, offset: page.from + limit })}>next →</a>
      ) : (
        ''
      )}
    </div>
  )
}
