/** The shortest password an account may choose. */
export const MIN_PASSWORD_LENGTH = 12
/** The longest (argon2id hashes any length; this bounds the work a request can ask for). */
export const MAX_PASSWORD_LENGTH = 200

/**
 * What is wrong with a chosen password and its confirmation, keyed by form field (`password`,
 * `confirm`); empty when it may be used.
 */
export function newPasswordErrors(password: string, confirm: string): Record<string, string> {
  if (password.length < MIN_PASSWORD_LENGTH)
    return { password: `use at least ${MIN_PASSWORD_LENGTH} characters` }
  if (password.length > MAX_PASSWORD_LENGTH)
    return { password: `use at most ${MAX_PASSWORD_LENGTH} characters` }
  if (password !== confirm) return { confirm: 'the two passwords differ' }
  return {}
}
