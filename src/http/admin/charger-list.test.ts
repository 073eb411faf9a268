import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { startTestNode, type TestNode } from '@src/testing/node'

let node: TestNode
let cookie: string

/** `CP-000` … `CP-119`, labelled `Bay 0` … `Bay 119`. */
const ids = Array.from({ length: 120 }, (_, i) => `CP-${String(i).padStart(3, '0')}`)

beforeAll(async () => {
  node = await startTestNode()
  const { chargers } = node.deps.repos
  await node.deps.writer.write(
    ids.toReversed().map((id) => chargers.upsert({ id, label: `Bay ${Number(id.slice(3))}`, now: 1 })),
  )
  const login = await node.app.handle(
    new Request('http://localhost/admin/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
      body: new URLSearchParams({ email: 'admin@example.com', password: 'admin-password' }).toString(),
    }),
  )
  cookie = login.headers.get('set-cookie')!.split(';')[0]!
})
afterAll(() => node.dispose())

/** What a person sees of one list page: the pager's text, the rows and the pager's links. */
interface ListPage {
  status: number
  text: string
  rows: string[]
  links: Record<string, string>
  html: string
}

const fromHtml = (s: string) => s.replaceAll('&amp;', '&').replaceAll('&quot;', '"')

async function open(path: string, headers: Record<string, string> = {}): Promise<ListPage> {
  const res = await node.app.handle(
    new Request(`http://localhost${path}`, { headers: { cookie, ...headers } }),
  )
  const html = await res.text()
  const pager = /<div class="pager">(.*?)<\/div>/s.exec(html)?.[1] ?? ''
  const links = Object.fromEntries(
    [...pager.matchAll(/<a href="([^"]*)">([^<]*)<\/a>/g)].map(([, href, label]) => [
      label!.replace(/[^a-z]/g, ''),
      fromHtml(href!),
    ]),
  )
  return {
    status: res.status,
    text: /<span class="muted">([^<]*)<\/span>/.exec(pager)?.[1] ?? '',
    rows: [...html.matchAll(/<tr id="row-([^"]+)"/g)].map(([, id]) => decodeURIComponent(id!)),
    links,
    html,
  }
}

describe('the chargers list', () => {
  test('the first page shows 1–50 of all chargers and links to the next page by its last id', async () => {
    const page = await open('/admin/chargers')
    expect(page.status).toBe(200)
    expect(page.text).toBe('1–50 of 120 chargers')
    expect(page.rows).toEqual(ids.slice(0, 50))
    expect(page.links).toEqual({ next: '/admin/chargers?after=CP-049&offset=50' })
    expect(page.html).toContain('<strong>0</strong> of <strong>120</strong> chargers online')
  })

  test('next and previous walk the pages', async () => {
    const second = await open((await open('/admin/chargers')).links.next!)
    expect(second.text).toBe('51–100 of 120 chargers')
    expect(second.rows).toEqual(ids.slice(50, 100))
    expect(second.links.previous).toBe('/admin/chargers?before=CP-050')
    const third = await open(second.links.next!)
    expect(third.text).toBe('101–120 of 120 chargers')
    expect(third.rows).toEqual(ids.slice(100))
    expect(third.links).toEqual({
      first: '/admin/chargers',
      previous: '/admin/chargers?before=CP-100&offset=50',
    })
    const back = await open(third.links.previous!)
    expect(back.text).toBe('51–100 of 120 chargers')
    expect(back.rows).toEqual(ids.slice(50, 100))
    const start = await open(back.links.previous!)
    expect(start.text).toBe('1–50 of 120 chargers')
    expect(start.rows).toEqual(ids.slice(0, 50))
  })

  test('a search shows its matches, and its links keep the search', async () => {
    const page = await open('/admin/chargers?search=BAY+11')
    expect(page.text).toBe('1–11 of 11 matches')
    expect(page.rows).toEqual(['CP-011', ...ids.slice(110)])
    expect((await open('/admin/chargers?search=bay+7')).text).toBe('1–11 of 11 matches')
    expect((await open('/admin/chargers?search=cp-042')).text).toBe('1–1 of 1 match')
    const wide = await open('/admin/chargers?search=cp')
    expect(wide.text).toBe('1–50 of 120 matches')
    expect(wide.links).toEqual({ next: '/admin/chargers?search=cp&after=CP-049&offset=50' })
    expect((await open(wide.links.next!)).rows).toEqual(ids.slice(50, 100))
  })

  test('a search that finds nothing says so', async () => {
    const page = await open('/admin/chargers?search=nothing-like-this')
    expect(page.text).toBe('none')
    expect(page.rows).toEqual([])
    expect(page.html).toContain('No chargers match this search.')
  })

  test('an htmx request gets the table and pager only', async () => {
    const page = await open('/admin/chargers?after=CP-049&offset=50', { 'hx-request': 'true' })
    expect(page.html).not.toContain('<h1>')
    expect(page.text).toBe('51–100 of 120 chargers')
    expect(page.rows[0]).toBe('CP-050')
  })
})

describe('a garbled query string still shows a sensible page', () => {
  test.each([
    ['a negative offset', '?offset=-5', 0],
    ['a non-numeric offset', '?offset=abc', 0],
    ['a huge offset', '?offset=99999999999999999999', 0],
    ['an offset past the end', '?offset=5000', 0],
    ['an over-long after', `?after=${'z'.repeat(5000)}`, 0],
    ['an over-long before', `?before=${'0'.repeat(5000)}`, 0],
    ['an after past the last charger', '?after=ZZZ&offset=50', 0],
    ['an offset past the end with after', '?after=CP-089&offset=5000', 90],
  ])('%s', async (_, query, first) => {
    const page = await open(`/admin/chargers${query}`)
    expect(page.status).toBe(200)
    expect(page.rows).toEqual(ids.slice(first, first + 50))
    expect(page.text).toBe(`${first + 1}–${Math.min(first + 50, 120)} of 120 chargers`)
  })

  test('repeated parameters count once', async () => {
    const page = await open('/admin/chargers?after=CP-010&after=CP-019&offset=50&offset=20')
    expect(page.status).toBe(200)
    expect(page.rows).toEqual(ids.slice(20, 70))
    expect(page.text).toBe('21–70 of 120 chargers')
  })

  test('an over-long search is cut to 100 characters', async () => {
    const page = await open(`/admin/chargers?search=${'x'.repeat(5000)}`)
    expect(page.status).toBe(200)
    expect(page.text).toBe('none')
    expect(page.html).toContain(`value="${'x'.repeat(100)}"`)
    expect(page.html).not.toContain('x'.repeat(101))
  })
})
