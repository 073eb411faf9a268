import { describe, expect, test } from 'bun:test'
import { closedLinkMessage, LINK_TTL_MS, type LinkFacts, type LinkPurpose, linkState } from './account-link'

describe('linkState: a one-time link through its life', () => {
  const made = 1_000
  const open: LinkFacts = { kind: 'invite', expiresAt: made + LINK_TTL_MS, usedAt: null }
  const cases: [string, LinkFacts, LinkPurpose, number, ReturnType<typeof linkState>][] = [
    ['fresh: open', open, 'invite', made, 'open'],
    ['a millisecond before expiry: open', open, 'invite', made + LINK_TTL_MS - 1, 'open'],
    ['at its expiry instant: expired', open, 'invite', made + LINK_TTL_MS, 'expired'],
    ['used: used, even before expiry', { ...open, usedAt: made + 5 }, 'invite', made + 6, 'used'],
    [
      'used and later expired: still used',
      { ...open, usedAt: made + 5 },
      'invite',
      made + LINK_TTL_MS,
      'used',
    ],
    ['withdrawn: revoked', { ...open, kind: 'revoked-invite' }, 'invite', made, 'revoked'],
    ['an invite opened as a reset: not one', open, 'reset', made, undefined],
    ['a reset opened as a reset: open', { ...open, kind: 'reset' }, 'reset', made, 'open'],
    [
      'a withdrawn reset as an invite: not one',
      { ...open, kind: 'revoked-reset' },
      'invite',
      made,
      undefined,
    ],
  ]
  for (const [name, link, purpose, now, expected] of cases)
    test(name, () => expect(linkState(link, purpose, now)).toBe(expected))
})

describe('closedLinkMessage', () => {
  test('says why the link does nothing and what to do', () => {
    expect(closedLinkMessage('invite', 'used')).toBe(
      'This invitation has already been used. Ask whoever invited you for a new one.',
    )
    expect(closedLinkMessage('reset', 'expired')).toContain('password reset link has expired')
    expect(closedLinkMessage('invite', 'revoked')).toContain('withdrawn')
    expect(closedLinkMessage('reset', 'unknown')).toContain('not valid')
  })
})
