import type { DriverAccountsRepo } from '@src/db/repos/driver-accounts'
import type { DbWriter } from '@src/db/writer'
import type { Language } from '@src/domain/driver-pages/language'
import { signInMail } from '@src/domain/driver-pages/sign-in-mail'
import type { Clock } from '@src/lib/clock'
import { randomId, sha256Hex } from '@src/lib/ids'
import { Lockout } from '@src/lib/lockout'
import type { Logger } from '@src/lib/log'
import type { Mailer } from '@src/lib/mail'

/** How long a mailed sign-in link works. */
export const LINK_MS = 15 * 60_000
/** How long a driver stays signed in on one browser. */
export const DRIVER_SESSION_MS = 30 * 86_400_000
/** Links mailed to one address per {@link LINK_MS}; more are refused until the window passes. */
export const LINKS_PER_EMAIL = 3
/** Link requests from one client address per {@link LINK_MS}. */
export const LINKS_PER_CLIENT = 10

/** The outcome of asking for a link: the same for an email no driver has (nothing is revealed). */
export type LinkRequest = { ok: true } | { ok: false; reason: 'tooMany' }

/** What {@link DriverSignIn} works with. */
export interface DriverSignInDeps {
  accounts: Pick<
    DriverAccountsRepo,
    | 'driversOf'
    | 'addLink'
    | 'useLink'
    | 'linkIsLive'
    | 'deleteExpiredLinks'
    | 'addSession'
    | 'sessionEmail'
    | 'deleteSession'
    | 'deleteSessionsOf'
    | 'deleteExpiredSessions'
  >
  writer: DbWriter
  clock: Clock
  log: Logger
  mailer: Mailer
}

/**
 * A driver signs in with a one-time link mailed to them. Only hashes of the link's and the session's
 * secrets are stored; a link lasts {@link LINK_MS} and is used once; requests are limited per email
 * ({@link LINKS_PER_EMAIL}) and per client address ({@link LINKS_PER_CLIENT}), counted whether or not
 * a driver has the email, and the answer is the same either way: the link is stored and mailed after
 * the answer (its time would tell), a failure logged.
 */
export class DriverSignIn {
  readonly #perEmail: Lockout
  readonly #perClient: Lockout

  constructor(private readonly deps: DriverSignInDeps) {
    const { clock } = deps
    this.#perEmail = new Lockout({ clock, windowMs: LINK_MS, maxFailures: LINKS_PER_EMAIL })
    this.#perClient = new Lockout({ clock, windowMs: LINK_MS, maxFailures: LINKS_PER_CLIENT })
  }

  /**
   * Mails a sign-in link to `email` if a driver has it. `linkBase` is the address the link starts
   * with (the node's public URL); the link is `<linkBase>/me/link/<secret>`.
   */
  async request(v: {
    email: string
    client: string
    linkBase: string
    language: Language
  }): Promise<LinkRequest> {
    const email = v.email.trim().toLowerCase()
    if (this.#perClient.isLocked(v.client) || this.#perEmail.isLocked(email))
      return { ok: false, reason: 'tooMany' }
    this.#perClient.fail(v.client)
    this.#perEmail.fail(email)
    const drivers = await this.deps.accounts.driversOf(email)
    if (drivers.length > 0)
      this.#mailLink(email, v.linkBase, v.language).catch((err: unknown) =>
        this.deps.log.warn('a driver sign-in link was not mailed', { error: String(err) }),
      )
    return { ok: true }
  }

  /** Stores a new link's hash and mails the link: after the answer, so its time tells nothing. */
  async #mailLink(email: string, linkBase: string, language: Language): Promise<void> {
    const secret = randomId(32)
    const now = this.deps.clock.now()
    const { accounts } = this.deps
    await this.deps.writer.write([
      accounts.deleteExpiredLinks(now),
      accounts.addLink({ hash: sha256Hex(secret), email, createdAt: now, expiresAt: now + LINK_MS }),
    ])
    const mail = signInMail(`${linkBase}/me/link/${secret}`, LINK_MS / 60_000, language)
    await this.deps.mailer.send({ to: email, ...mail })
  }

  /** Whether a link may still be used (the page that asks the driver to confirm it). */
  linkIsLive(secret: string): Promise<boolean> {
    return this.deps.accounts.linkIsLive(sha256Hex(secret), this.deps.clock.now())
  }

  /**
   * Uses a link: a new session's secret (for the cookie), or undefined when the link is unknown,
   * expired or used. Two uses at once sign in once (the link is marked used by one conditional write).
   */
  async useLink(secret: string): Promise<string | undefined> {
    const now = this.deps.clock.now()
    const [rows] = (await this.deps.writer.write([
      this.deps.accounts.useLink(sha256Hex(secret), now),
    ])) as unknown as [{ email: string }[]]
    const email = rows[0]?.email
    if (email === undefined) return undefined
    const session = randomId(32)
    await this.deps.writer.write([
      this.deps.accounts.deleteExpiredSessions(now),
      this.deps.accounts.addSession({
        hash: sha256Hex(session),
        email,
        createdAt: now,
        expiresAt: now + DRIVER_SESSION_MS,
      }),
    ])
    return session
  }

  /** The signed-in email of a session secret (a live session), or undefined. */
  async emailOf(session: string | undefined): Promise<string | undefined> {
    if (typeof session !== 'string' || session.length === 0 || session.length > 100) return undefined
    return this.deps.accounts.sessionEmail(sha256Hex(session), this.deps.clock.now())
  }

  /** Signs this browser out. */
  async signOut(session: string): Promise<void> {
    await this.deps.writer.write([this.deps.accounts.deleteSession(sha256Hex(session))])
  }

  /** Signs the email out on every browser. */
  async signOutEverywhere(email: string): Promise<void> {
    await this.deps.writer.write([this.deps.accounts.deleteSessionsOf(email, this.deps.clock.now())])
  }
}
