import type { AuditRow } from '@src/db/repos/audit'

/** An audit entry as the API and the CSV show it. */
export function auditJson(r: AuditRow) {
  return {
    id: r.id,
    at: new Date(r.at).toISOString(),
    organizationId: r.organizationId,
    actor: { kind: r.actorKind, id: r.actorId, label: r.actorLabel },
    action: r.action,
    entity: r.entity,
    entityId: r.entityId,
    before: r.before ?? null,
    after: r.after ?? null,
  }
}

const COLUMNS = ['id', 'at', 'organization', 'actor', 'action', 'entity', 'entity_id', 'before', 'after']

/** One CSV field: quoted when it holds a comma, quote or line break; a leading =+-@ is defused for spreadsheets. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

/**
 * Audit entries as CSV (RFC 4180, a header line, CRLF), before/after as JSON.
 *
 * @example auditCsv(rows) // 'id,at,organization,…\r\n1,2026-…,coop,admin@coop,token.created,…\r\n'
 */
export function auditCsv(rows: readonly AuditRow[]): string {
  const lines = rows.map((r) => {
    const j = auditJson(r)
    return [
      String(j.id),
      j.at,
      j.organizationId,
      j.actor.label,
      j.action,
      j.entity,
      j.entityId,
      JSON.stringify(j.before),
      JSON.stringify(j.after),
    ]
      .map(csvField)
      .join(',')
  })
  return [COLUMNS.join(','), ...lines].map((l) => `${l}\r\n`).join('')
}
