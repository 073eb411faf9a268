import { describe, expect, test } from 'bun:test'
import { FakeClock } from '@src/lib/fake-clock'
import { PER_ACCOUNT_FAILURES, PER_CLIENT_FAILURES, SIGN_IN_WINDOW_MS, SignInLimits } from './sign-in-limits'

const ADMIN = 1
const attacker = { client: '203.0.113.66', accountId: ADMIN, device: undefined }
const operator = { client: '198.51.100.7', accountId: ADMIN, device: undefined }

describe('sign-in limits', () => {
  test('guessing from one address locks that address, not the account', () => {
    const limits = new SignInLimits(new FakeClock())
    for (let i = 0; i < PER_CLIENT_FAILURES; i++) limits.failed(attacker)
    expect(limits.isLocked(attacker)).toBe(true)
    expect(limits.isLocked({ ...attacker, accountId: 2 })).toBe(true)
    expect(limits.isLocked(operator)).toBe(false)
  })

  test('guessing spread over many addresses holds off untrusted clients only; a trusted device still signs in', async () => {
    const clock = new FakeClock()
    const limits = new SignInLimits(clock)
    for (let i = 0; i < PER_ACCOUNT_FAILURES; i++)
      limits.failed({ client: `203.0.113.${i % 50}`, accountId: ADMIN, device: undefined })
    expect(limits.isLocked(operator)).toBe(true)
    expect(limits.isLocked({ ...operator, device: 'nonce-of-the-operators-browser' })).toBe(false)
    expect(limits.isLocked({ ...operator, accountId: 2 })).toBe(false)
    await clock.advance(SIGN_IN_WINDOW_MS)
    expect(limits.isLocked(operator)).toBe(false)
  })

  test('100,000 failures for other emails from other addresses evict neither the account lock nor the address lock', () => {
    const limits = new SignInLimits(new FakeClock())
    for (let i = 0; i < PER_ACCOUNT_FAILURES; i++) limits.failed(attacker)
    expect(limits.isLocked(operator)).toBe(true)
    for (let i = 0; i < 100_000; i++)
      limits.failed({
        client: `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`,
        accountId: undefined,
        device: undefined,
      })
    expect(limits.isLocked(attacker)).toBe(true)
    expect(limits.isLocked(operator)).toBe(true)
  })

  test('a trusted device has its own limit, which its success forgives', () => {
    const limits = new SignInLimits(new FakeClock())
    const device = { ...operator, device: 'nonce' }
    for (let i = 0; i < 9; i++) limits.failed(device)
    limits.succeeded(device)
    limits.failed(device)
    expect(limits.isLocked(device)).toBe(false)
    for (let i = 0; i < 9; i++) limits.failed(device)
    expect(limits.isLocked(device)).toBe(true)
    expect(limits.isLocked(operator)).toBe(false)
  })
})
