import { describe, expect, test } from 'bun:test'
import { niceTop, type Point, type Series, TimeChart, type TimeChartProps } from './chart'

const T0 = Date.UTC(2026, 0, 15, 8, 0, 0)
const min = 60_000
const pts = (...ys: number[]): Point[] => ys.map((y, i) => ({ x: T0 + i * min, y }))
const line = (label: string, points: Point[]): Series => ({ label, color: '#000000', points })

const render = (over: Partial<TimeChartProps>) =>
  String(
    TimeChart({
      series: [line('power', pts(1, 4.6, 9.2))],
      quantity: 'Power',
      unit: 'kW',
      label: 'Power, kW',
      empty: 'No power reading yet.',
      ...over,
    }),
  )

/** The text of every `<text>` element, in order. */
const texts = (html: string) => [...html.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1])

describe('TimeChart', () => {
  test('the y axis is titled with its quantity and unit and ticked from zero to a round top', () => {
    const html = render({})
    expect(html).toContain('<svg class="chart"')
    expect(html).toContain('aria-label="Power, kW"')
    expect(texts(html)).toEqual(expect.arrayContaining(['Power (kW)', '0', '5', '10']))
  })

  test('the x axis shows the times of both ends and the middle, and is titled', () => {
    const span = render({ series: [line('power', pts(...Array.from({ length: 31 }, () => 1)))] })
    const clock = new Intl.DateTimeFormat('sv-SE', { hour: '2-digit', minute: '2-digit' })
    for (const at of [T0, T0 + 15 * min, T0 + 30 * min]) expect(texts(span)).toContain(clock.format(at))
    expect(texts(span)).toContain('Time')
  })

  test('a chart of a few minutes shows seconds; one of days shows the day', () => {
    const seconds = new Intl.DateTimeFormat('sv-SE', {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    expect(texts(render({}))).toContain(seconds.format(T0))
    const days = render({
      series: [
        line('e', [
          { x: T0, y: 1 },
          { x: T0 + 2 * 86_400_000, y: 2 },
        ]),
      ],
    })
    expect(texts(days).some((t) => /^\d\d-\d\d \d\d:\d\d$/.test(t ?? ''))).toBe(true)
  })

  test('with nothing to draw it says why, in the words the page gives', () => {
    const html = render({ series: [line('power', [])] })
    expect(html).not.toContain('<svg')
    expect(html).toContain('No power reading yet.')
  })

  test('with one reading it says the chart starts with the next one', () => {
    const html = render({ series: [line('L1', pts(20)), line('L2', pts(15))] })
    expect(html).not.toContain('<svg')
    expect(html).toContain('Only one reading so far')
  })

  test('a limit is drawn dashed and labelled, and the axis reaches above it', () => {
    const html = render({ unit: 'A', quantity: 'Current', limit: { value: 80, label: 'limit 80 A' } })
    expect(html).toContain('stroke-dasharray="6 4"')
    expect(texts(html)).toEqual(expect.arrayContaining(['limit 80 A', '100']))
  })

  test('several lines get a legend and a data-series each; one line needs no legend', () => {
    const three = render({ series: [line('L1', pts(1, 2)), line('L2', pts(2, 3)), line('L3', pts(3, 4))] })
    for (const l of ['L1', 'L2', 'L3']) expect(three).toContain(`data-series="${l}"`)
    expect(three).toContain('class="legend"')
    expect(render({})).not.toContain('class="legend"')
  })

  test('values below zero move the axis down instead of leaving the plot', () => {
    const html = render({ series: [line('power', pts(-2, 3, 8))] })
    expect(texts(html)).toContain('-2')
    const ys = [...html.matchAll(/[ML][\d.]+,(-?[\d.]+)/g)].map((m) => Number(m[1]))
    expect(Math.max(...ys)).toBeLessThanOrEqual(180)
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(0)
  })

  test('every text it is given is escaped: as text, and inside attributes', () => {
    const evil = '"><img src=x onerror=alert(1)>'
    const html = render({
      series: [line(evil, pts(1, 2)), line('b', pts(1, 2))],
      limit: { value: 1, label: evil },
    })
    const empty = render({ series: [], empty: evil })
    for (const h of [html, empty]) {
      expect(h).not.toContain('"><img')
      expect(h.replace(/"[^"]*"/g, '""')).not.toContain('<img')
      expect(h).toContain('&lt;img')
    }
  })
})

test.each([
  [0, 1],
  [0.3, 0.5],
  [1, 1],
  [9.2, 10],
  [11, 20],
  [21, 25],
  [60, 100],
  [88, 100],
  [240, 250],
])('niceTop(%p) = %p', (v, top) => {
  expect(niceTop(v)).toBe(top)
})
