import { describe, expect, test } from 'bun:test'
import { EV_RESPONSE_MS } from './carried'
import { DECLINE_AFTER_MS, LEARN_STEP_A, noteRefusal } from './declined'
import type { ConfirmedSetpoint } from './delivery'
import { TEST_NOW, testSession } from './test-session'

const now = TEST_NOW
const limit = (limitA: number, at: number, beforeA = 0): ConfirmedSetpoint => ({ limitA, at, beforeA })
const drawing = (a: number) => ({ L1: a, L2: a, L3: a })

describe('a car that draws nothing under its offer', () => {
  test('one never seen drawing has declined: full, or waiting for its own timer', () => {
    const s = testSession({ drawA: drawing(0), drawAt: now, chargingState: 'SuspendedEV' })
    noteRefusal(s, limit(6, now - DECLINE_AFTER_MS), now)
    expect(s.declined).toEqual({ at: now, probes: 0 })
    expect(s.learnedMinA).toBeNull()
  })

  test('one that drew under a higher limit shows a minimum above the offer, and is not parked', () => {
    const s = testSession({ drawA: drawing(15.4), drawAt: now - 60_000 })
    noteRefusal(s, limit(16, now - 60_000 - EV_RESPONSE_MS), now - 60_000)
    expect(s.drewUnderA).toBe(16)
    s.drawA = drawing(0)
    s.drawAt = now
    s.chargingState = 'SuspendedEV'
    noteRefusal(s, limit(7.6, now - DECLINE_AFTER_MS, 16), now)
    expect(s.declined).toBeNull()
    expect(s.learnedMinA).toBe(7.6 + LEARN_STEP_A)
  })

  test('the minimum learned never exceeds the limit the car drew under', () => {
    const s = testSession({ drewUnderA: 8, drawA: drawing(0), drawAt: now, chargingState: 'SuspendedEV' })
    noteRefusal(s, limit(7, now - DECLINE_AFTER_MS, 8), now)
    expect(s.learnedMinA).toBe(8)
  })

  test('declining the lowest limit it drew under is declining: full cars stop at any offer', () => {
    const s = testSession({ drewUnderA: 8, drawA: drawing(0), drawAt: now, chargingState: 'SuspendedEV' })
    noteRefusal(s, limit(8, now - DECLINE_AFTER_MS, 8), now)
    expect(s.declined).toEqual({ at: now, probes: 0 })
  })

  test('a reading within the response time of a cut says nothing of what the car draws under it', () => {
    const s = testSession({ drawA: drawing(14), drawAt: now })
    noteRefusal(s, limit(6, now - EV_RESPONSE_MS + 1000, 16), now)
    expect(s.drewUnderA).toBeNull()
  })
})
