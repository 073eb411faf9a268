import { beforeAll, describe, expect, test } from 'bun:test'
import { FakeClock } from '@src/lib/fake-clock'
import { ADDRESS_FAILURE_FACTOR, ChargerAuth, hashChargerPassword } from './charger-auth'

const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`
const PASSWORD = 'the-right-password-16'
const LOCKOUT_MS = 300_000
let hash: string
beforeAll(async () => {
  hash = await hashChargerPassword(PASSWORD)
})

const auth = (clock = new FakeClock()) => ({
  clock,
  auth: new ChargerAuth({ clock, maxFailures: 5, lockoutMs: LOCKOUT_MS }),
})

describe('charger authentication lockouts', () => {
  test('no-credential handshakes lock the attacker’s address for that charger, never the charger', async () => {
    const { clock, auth: a } = auth()
    for (let i = 0; i < 5; i++) expect(await a.check('CP-1', null, hash, '203.0.113.66')).toBe('missing')
    expect(await a.check('CP-1', basic('CP-1', PASSWORD), hash, '203.0.113.66')).toBe('locked')
    expect(await a.check('CP-1', basic('CP-1', PASSWORD), hash, '198.51.100.7')).toBe('ok')
    await clock.advance(LOCKOUT_MS)
    expect(await a.check('CP-1', basic('CP-1', PASSWORD), hash, '203.0.113.66')).toBe('ok')
  })

  test('an address that fails across many chargers is locked for all of them', async () => {
    const { auth: a } = auth()
    for (let id = 0; id < ADDRESS_FAILURE_FACTOR; id++)
      for (let i = 0; i < 5; i++)
        await a.check(`CP-${id}`, basic(`CP-${id}`, `guess-${i}`), hash, '203.0.113.66')
    expect(await a.check('CP-OTHER', basic('CP-OTHER', PASSWORD), hash, '203.0.113.66')).toBe('locked')
    expect(await a.check('CP-OTHER', basic('CP-OTHER', PASSWORD), hash, '198.51.100.7')).toBe('ok')
  })

  test('one misconfigured charger behind a NAT locks only itself: its neighbours keep connecting', async () => {
    const { clock, auth: a } = auth()
    for (let minute = 0; minute < 60; minute++) {
      await a.check('CP-WRONG', basic('CP-WRONG', 'an-old-password-xx'), hash, '192.0.2.1')
      await clock.advance(60_000)
    }
    expect(await a.check('CP-GOOD', basic('CP-GOOD', PASSWORD), hash, '192.0.2.1')).toBe('ok')
  })

  test('a successful login does not wipe the address’s failures on other chargers', async () => {
    const { auth: a } = auth()
    for (let round = 0; round < ADDRESS_FAILURE_FACTOR; round++) {
      for (let i = 0; i < 4; i++)
        await a.check(`CP-${round}`, basic(`CP-${round}`, `guess-${i}`), hash, '203.0.113.5')
      expect(await a.check('CP-OWN', basic('CP-OWN', PASSWORD), hash, '203.0.113.5')).toBe('ok')
    }
    for (const id of ['CP-X', 'CP-Y'])
      for (let i = 0; i < 5; i++) await a.check(id, basic(id, `guess-${i}`), hash, '203.0.113.5')
    expect(await a.check('CP-OWN', basic('CP-OWN', PASSWORD), hash, '203.0.113.5')).toBe('locked')
  })
})
