import type { Config } from '@src/config'
import { PLATFORM_ORG } from '@src/db/schema'
import type { DbWriter } from '@src/db/writer'
import type { Repos } from '@src/deps'
import type { Clock } from '@src/lib/clock'
import { randomId } from '@src/lib/ids'
import type { Logger } from '@src/lib/log'

/**
 * Makes sure the first operator (`CSMS_ADMIN_EMAIL`) exists, as the platform's admin. Its password is `CSMS_ADMIN_PASSWORD`, or,
 * if that is unset, a random one written once to the log. An existing account is left as it is: the
 * variables only seed a fresh database.
 */
export async function ensureFirstOperator(deps: {
  config: Config
  clock: Clock
  log: Logger
  repos: Repos
  writer: DbWriter
}): Promise<void> {
  const { config, repos, writer, clock, log } = deps
  if (await repos.operators.findByEmail(config.adminEmail)) return
  const password = config.adminPassword ?? randomId(12)
  const hash = await Bun.password.hash(password, { algorithm: 'argon2id' })
  const now = clock.now()
  await writer.write([
    repos.operators.create(config.adminEmail, hash, now),
    repos.operators.grant(config.adminEmail, PLATFORM_ORG, 'platform-admin', now),
  ])
  if (config.adminPassword) log.info('created the first operator', { email: config.adminEmail })
  else
    log.warn('created the first operator with a generated password; set CSMS_ADMIN_PASSWORD to choose one', {
      email: config.adminEmail,
      password,
    })
}
