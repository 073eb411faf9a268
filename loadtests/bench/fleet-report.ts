import type { StatsSnapshot } from '../fleet/stats'
import type { BenchRow } from './bench-kit'

/** Error counters of a fleet run as rows (error rate over all calls included). */
export function fleetErrors(
  bench: string,
  stats: StatsSnapshot,
  params: Record<string, string | number>,
): BenchRow[] {
  const c = stats.counters
  const failed = c.callErrors + c.refused + c.timeouts + c.lost
  const rate = c.sent === 0 ? 0 : failed / c.sent
  const row = (metric: string, value: number, unit = 'count'): BenchRow => ({
    bench,
    metric,
    value,
    unit,
    ...params,
  })
  return [
    row('calls_sent', c.sent),
    row('error_rate', Math.round(rate * 1e6) / 1e4, '%'),
    row('call_errors', c.callErrors),
    row('refused', c.refused),
    row('timeouts', c.timeouts),
    row('connect_failures', c.connectFailures),
    row('dropped_sockets', c.dropped),
  ]
}

/** The JSC object types that grew most between two heap censuses, per charger, as a markdown table. */
export function heapGrowth(
  before: readonly { type: string; count: number }[],
  after: readonly { type: string; count: number }[],
  chargers: number,
): string {
  const was = new Map(before.map((t) => [t.type, t.count]))
  const grown = after
    .map((t) => ({ type: t.type, added: t.count - (was.get(t.type) ?? 0) }))
    .filter((t) => t.added > 0)
    .sort((a, b) => b.added - a.added)
    .slice(0, 15)
  const lines = grown.map((t) => `| ${t.type} | ${t.added} | ${Math.round((t.added / chargers) * 10) / 10} |`)
  return ['| object type | added | per charger |', '| --- | --- | --- |', ...lines].join('\n')
}
