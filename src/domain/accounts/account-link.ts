/** How long an invitation or a reset link may be used after it is made. */
export const LINK_TTL_MS = 7 * 24 * 3600_000

/** Random bytes in a link's secret (256 bits: never guessed, so a link may be its own credential). */
export const LINK_SECRET_BYTES = 32

/** What a one-time link is for: joining an organization, or setting a forgotten password. */
export type LinkPurpose = 'invite' | 'reset'

/**
 * The stored `kind` of a link: its purpose, or its purpose withdrawn (`revoked-invite`). A revoked
 * link keeps its row so that opening it can say it was withdrawn, not that it never existed.
 */
export const LINK_KINDS = {
  invite: 'invite',
  reset: 'reset',
  revokedInvite: 'revoked-invite',
  revokedReset: 'revoked-reset',
} as const

/** Where a link is in its life: usable once, then used; or expired, or withdrawn first. */
export type LinkState = 'open' | 'used' | 'expired' | 'revoked'

/** The fields of a stored link that decide its state. */
export interface LinkFacts {
  kind: string
  expiresAt: number
  usedAt: number | null
}

/**
 * The state of a link for `purpose` at `now` (pure): `revoked` once withdrawn, `used` once used,
 * `expired` from its expiry instant on, else `open`. A link of the other purpose is `undefined`
 * (an invitation's secret opens no reset page, and the reverse).
 *
 * @example linkState({ kind: 'invite', expiresAt: 10, usedAt: null }, 'invite', 9) // 'open'
 */
export function linkState(link: LinkFacts, purpose: LinkPurpose, now: number): LinkState | undefined {
  const revoked = purpose === 'invite' ? LINK_KINDS.revokedInvite : LINK_KINDS.revokedReset
  if (link.kind === revoked) return 'revoked'
  if (link.kind !== purpose) return undefined
  if (link.usedAt !== null) return 'used'
  return now >= link.expiresAt ? 'expired' : 'open'
}

/** What a person reads when a link can no longer be used, by purpose and state. */
export function closedLinkMessage(purpose: LinkPurpose, state: Exclude<LinkState, 'open'> | 'unknown') {
  const what = purpose === 'invite' ? 'invitation' : 'password reset link'
  const ask =
    purpose === 'invite' ? 'Ask whoever invited you for a new one.' : 'Ask an administrator for a new one.'
  const why = {
    used: `This ${what} has already been used.`,
    expired: `This ${what} has expired (links last 7 days).`,
    revoked: `This ${what} was withdrawn.`,
    unknown: `This ${what} is not valid: check that the whole link was copied.`,
  }[state]
  return `${why} ${ask}`
}
