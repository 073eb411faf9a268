/**
 * NATS subject matching: `*` matches exactly one token, a trailing `>` one or more.
 */
export function subjectMatches(pattern: string, subject: string): boolean {
  const p = pattern.split('.')
  const s = subject.split('.')
  for (let i = 0; i < p.length; i++) {
    const tok = p[i]
    if (tok === '>') return i === p.length - 1 && s.length > i
    if (i >= s.length) return false
    if (tok !== '*' && tok !== s[i]) return false
  }
  return p.length === s.length
}

/** True if the pattern has wildcards (needs matching rather than a map lookup). */
export function isWildcard(pattern: string): boolean {
  return pattern.split('.').some((t) => t === '*' || t === '>')
}
