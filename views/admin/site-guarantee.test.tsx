import { describe, expect, test } from 'bun:test'
import { fakeSiteStatus } from '@src/testing/site-status'
import { GuaranteeCard } from './site-guarantee'

const guarantee = fakeSiteStatus('S1', 0).guarantee
const render = (over: Partial<typeof guarantee> | undefined, phases: 1 | 3 = 3) =>
  String(
    GuaranteeCard({
      guarantee: over === undefined ? undefined : { ...guarantee, ...over },
      phases,
      marginA: 2,
    }),
  )

describe('the site page says what the loop guarantees', () => {
  test('margin in use, meter interval, worst step per phase, recommended margin and the sentence', () => {
    const html = render({})
    expect(html).toContain('What the loop guarantees')
    expect(html).toContain('<dd class="margin">2.0 A</dd>')
    expect(html).toContain('5 s (longest gap 6 s)')
    expect(html).toContain('L1 9.0 A · L2 4.0 A · L3 3.0 A')
    expect(html).toContain('9.0 A: larger than the margin in use')
    expect(html).toContain('No allocation puts any fuse over its rating minus the 2 A margin.')
  })

  test('a single-phase site shows one phase; a margin that covers the worst step is not flagged', () => {
    const html = render({ marginA: 10 }, 1)
    expect(html).toContain('L1 9.0 A</dd>')
    expect(html).not.toContain('L2')
    expect(html).not.toContain('larger than the margin in use')
  })

  test('before any reading, and before the loop reports, it says so', () => {
    expect(render({ meterIntervalS: null, longestGapS: null, recommendedMarginA: null })).toContain(
      'no readings yet',
    )
    expect(render(undefined)).toContain('The site loop has not reported yet.')
  })

  test('an OCPP meter asked to report faster shows its answer', () => {
    expect(render({ meterRequest: { intervalS: 5, status: 'Rejected' } })).toContain('every 5 s: Rejected')
  })

  test('text from the status is escaped', () => {
    const html = render({
      text: '<script>alert(1)</script>',
      meterRequest: { intervalS: 5, status: '<b>x</b>' },
    })
    expect(html).not.toContain('<script>')
    expect(html).toContain('&lt;script&gt;')
    expect(html).not.toContain('<b>x</b>')
  })
})
