import type { KeyPageInfo } from '@views/admin/key-pager'

/**
 * Where a keyed page sits: its position (the `offset` a link carried, 0 on the first page), its size,
 * the total, and the keys of its first and last rows for the previous and next links.
 */
export function keyPageInfo<R>(
  page: { rows: readonly R[]; total: number; hasPrevious: boolean; hasNext: boolean },
  offset: unknown,
  keyText: (row: R) => string,
): KeyPageInfo {
  const first = page.rows[0]
  const last = page.rows.at(-1)
  return {
    from: page.hasPrevious ? Math.max(0, Number(offset ?? 0) || 0) : 0,
    shown: page.rows.length,
    total: page.total,
    hasPrevious: page.hasPrevious,
    hasNext: page.hasNext,
    ...(first ? { firstKey: keyText(first) } : {}),
    ...(last ? { lastKey: keyText(last) } : {}),
  }
}
