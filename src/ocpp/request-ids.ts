let next = Math.floor(Math.random() * 1_000_000)

/**
 * A request id for commands whose results arrive later in separate messages (GetLog → LogStatusNotification,
 * GetBaseReport → NotifyReport, …). Unique within a node's lifetime, which is what correlation needs.
 */
export function nextRequestId(): number {
  next = (next + 1) % 2_000_000_000
  return next
}
