import { describe, expect, test } from 'bun:test'
import { FakeClock } from '@src/lib/fake-clock'
import { LINK_FAILURES_PER_CLIENT, LINK_WINDOW_MS, LinkLimits } from './link-limits'

describe('the limit on answering one-time links', () => {
  test('an address is held off after its failures, others are not, and the hold ends with the window', async () => {
    const clock = new FakeClock()
    const limits = new LinkLimits(clock)
    for (let i = 0; i < LINK_FAILURES_PER_CLIENT - 1; i++) limits.failed('203.0.113.66')
    expect(limits.isLocked('203.0.113.66')).toBe(false)
    limits.failed('203.0.113.66')
    expect(limits.isLocked('203.0.113.66')).toBe(true)
    expect(limits.isLocked('198.51.100.7')).toBe(false)
    await clock.advance(LINK_WINDOW_MS)
    expect(limits.isLocked('203.0.113.66')).toBe(false)
  })
})
