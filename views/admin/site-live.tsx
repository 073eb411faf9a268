import type { SiteConfig } from '@src/domain/site/site-config'
import type { SiteSessionStatus, SiteStatus } from '@src/domain/site/status'
import { TimeChart } from '../chart'
import { PHASE_COLORS } from '../chart-colors'
import { Badge } from '../components'
import { formatAmps, formatDateTime, formatKwh } from '../format'
import { MiniMeter, PhaseBars } from './site-bars'
import { GuaranteeCard } from './site-guarantee'
import { HealthBadge } from './site-health'

/** One point of the live chart (as the status store keeps them). */
export interface LoadSamplePoint {
  at: number
  loadA: readonly [number, number, number]
  limitA: number
  /** Part of the load is estimated (a session without a reading under its limit, a stale meter). */
  stale: boolean
}

/** What the live part of a site page shows. */
export interface SiteLiveProps {
  now: number
  config: SiteConfig
  status: SiteStatus | undefined
  samples: readonly LoadSamplePoint[]
  /** The current chargers fall back to without the CSMS, computed from the configuration. */
  failSafeA: number
}

/** The live part of a site page: health, the main fuse's load, sessions and the fuse tree. */
export function SiteLive(props: SiteLiveProps) {
  const { status, config } = props
  return (
    <>
      <LiveHealth status={status} now={props.now} timeZone={config.site.timeZone} />
      <div class="grid two">
        <section class="card">
          <h2>Main fuse, last 10 minutes</h2>
          <LoadChart {...props} />
          {status?.loadStale ? (
            <p class="muted small estimated-note">
              Partly estimated (hollow dots): a car without a reading under its new limit counts at what that
              limit lets it draw, a stale building meter at its last reading.
            </p>
          ) : (
            ''
          )}
        </section>
        <section class="card">
          <h2>Now, per phase</h2>
          {status ? (
            <>
              <PhaseBars
                phases={config.site.phases}
                limitA={status.limitA}
                loadA={status.loadA}
                buildingA={status.buildingA}
              />
              <p class="muted small">Grey: the building · blue: EVs · dashed red: the limit.</p>
            </>
          ) : (
            <p class="muted">No status yet.</p>
          )}
          <Facts {...props} />
        </section>
      </div>
      <GuaranteeCard
        guarantee={status?.guarantee}
        phases={config.site.phases}
        marginA={config.site.safetyMarginA}
      />
      <section class="card">
        <h2>Sessions</h2>
        <SessionsTable sessions={status?.sessions ?? []} timeZone={config.site.timeZone} />
      </section>
      <section class="card">
        <h2>Fuse tree</h2>
        <FuseTree config={config} status={status} />
      </section>
    </>
  )
}

/** Health, when the loop last reported and how late it ticks, and its problems. */
function LiveHealth({
  status,
  now,
  timeZone,
}: {
  status: SiteStatus | undefined
  now: number
  timeZone: string
}) {
  return (
    <>
      <div class="page-head">
        <HealthBadge status={status} now={now} />
        <span class="muted small">
          {status
            ? `updated ${formatDateTime(status.at, timeZone)} · tick lag ${status.lagMs.last} ms (max ${status.lagMs.max} ms)`
            : 'The site loop has not reported yet.'}
        </span>
      </div>
      {status?.problems.length ? (
        <ul class="notice bad site-problems">
          {status.problems.map((p) => (
            <li safe>{p}</li>
          ))}
        </ul>
      ) : (
        ''
      )}
    </>
  )
}

/** The main fuse's current per phase over the last minutes, against its usable limit. */
function LoadChart(props: SiteLiveProps) {
  const site = props.config.site
  const series = [0, 1, 2].slice(0, site.phases === 1 ? 1 : 3).map((i) => ({
    label: `L${i + 1}`,
    color: PHASE_COLORS[i]!,
    points: props.samples.map((s) => ({ x: s.at, y: s.loadA[i]!, estimated: s.stale })),
  }))
  const limitA = props.status?.limitA ?? site.mainFuseA - site.safetyMarginA
  return (
    <TimeChart
      series={series}
      quantity="Current per phase"
      unit="A"
      limit={{ value: limitA, label: `limit ${limitA} A` }}
      label="Main fuse current per phase against its limit"
      empty={
        props.status
          ? 'No load reported in the last 10 minutes.'
          : 'The site loop has not reported yet: the chart starts with its first status.'
      }
    />
  )
}

function Facts(props: SiteLiveProps) {
  const s = props.status
  return (
    <dl class="facts">
      <dt>EVs</dt>
      <dd>{s ? `${s.evKw.toFixed(1)} kW` : '—'}</dd>
      <dt>Site</dt>
      <dd>{s ? `${s.siteKw.toFixed(1)} kW` : '—'}</dd>
      <dt>Building meter</dt>
      <dd>
        {s ? (s.buildingStale ? 'stale: assuming the worst' : 'fresh') : props.config.site.buildingMeter}
      </dd>
      <dt>Fail-safe</dt>
      <dd class="fail-safe" safe>
        {formatAmps(s?.failSafeA ?? props.failSafeA)}
      </dd>
      <dt>Peak target</dt>
      <dd>
        {s?.peak
          ? `${s.peak.targetKw.toFixed(1)} kW`
          : props.config.site.peakTargetKw
            ? `${props.config.site.peakTargetKw} kW`
            : 'none'}
      </dd>
      <dt>Peak this month</dt>
      <dd class="peak">
        {s?.peak ? `${s.peak.reachedKw.toFixed(1)} kW reached · cap ${s.peak.capKw.toFixed(1)} kW` : '—'}
      </dd>
    </dl>
  )
}

/** Each charging session: what the loop gives it, what it draws, and when it should be done (site's local time). */
export function SessionsTable(props: { sessions: readonly SiteSessionStatus[]; timeZone: string }) {
  if (!props.sessions.length) return <p class="muted">No car is charging on this site.</p>
  return (
    <table class="sessions">
      <thead>
        <tr>
          <th>Charger</th>
          <th>Token</th>
          <th>Allocation</th>
          <th>Draw</th>
          <th>Energy</th>
          <th>Departure</th>
          <th>Expected done</th>
          <th>Problem</th>
        </tr>
      </thead>
      <tbody>
        {props.sessions.map((x) => (
          <SessionRow x={x} timeZone={props.timeZone} />
        ))}
      </tbody>
    </table>
  )
}

function SessionRow({ x, timeZone }: { x: SiteSessionStatus; timeZone: string }) {
  const late = x.departureAt !== null && x.expectedDoneAt !== null && x.expectedDoneAt > x.departureAt
  const need = x.energyNeedWh === null ? '' : ` of ${formatKwh(x.energyNeedWh)}`
  return (
    <tr id={`session-${x.transactionId}`}>
      <td>
        <a href={`/admin/chargers/${encodeURIComponent(x.chargerId)}`} safe>
          {`${x.chargerId} #${x.evseId}`}
        </a>{' '}
        <a class="muted small" href={`/admin/transactions/${x.transactionId}`} safe>
          {`tx ${x.transactionId}`}
        </a>
      </td>
      <td safe>{x.idTag ?? '—'}</td>
      <td class="allocation" safe>{`${formatAmps(x.limitA)} × ${x.phases}`}</td>
      <td safe title={x.drawStale ? 'estimated: no reading under its current limit yet' : undefined}>
        {`${x.drawStale ? '≈ ' : ''}${formatAmps(x.drawA)}`}
      </td>
      <td safe>{`${formatKwh(x.energyWh)}${need}`}</td>
      <td>
        <span safe>{formatDateTime(x.departureAt, timeZone)}</span> <SourceBadge source={x.departureSource} />
      </td>
      <td class={late ? 'late error' : ''} safe>
        {formatDateTime(x.expectedDoneAt, timeZone)}
      </td>
      <td safe>{x.problem ?? ''}</td>
    </tr>
  )
}

/** The main fuse and its sub-circuits, each with its limit, live load and the EVSEs it feeds. */
export function FuseTree(props: { config: SiteConfig; status: SiteStatus | undefined }) {
  const { config, status } = props
  const main = { id: 'main', name: 'Main fuse', limitA: config.site.mainFuseA }
  return (
    <ul class="fuse-tree">
      <FuseNode node={main} circuitId={null} config={config} status={status} />
    </ul>
  )
}

function FuseNode(props: {
  node: { id: string; name: string; limitA: number }
  circuitId: string | null
  config: SiteConfig
  status: SiteStatus | undefined
}) {
  const { node, config } = props
  const load = props.status?.nodes.find((n) => n.id === node.id)?.loadA
  const phases = config.site.phases === 1 ? 1 : 3
  const children = config.circuits.filter((c) => c.parentId === props.circuitId)
  const connectors = config.connectors.filter((k) => k.circuitId === props.circuitId)
  return (
    <li data-node={node.id}>
      <strong safe>{node.name}</strong> <span class="muted" safe>{`${node.id} · ${node.limitA} A`}</span>{' '}
      {load
        ? [0, 1, 2]
            .slice(0, phases)
            .map((i) => <MiniMeter value={load[i]!} limit={node.limitA} label={`L${i + 1}`} />)
        : ''}
      {connectors.length ? (
        <div class="small muted" safe>
          {connectors.map((k) => `${k.chargerId} #${k.evseId} (${k.maxA} A, ${k.wiring})`).join(' · ')}
        </div>
      ) : (
        ''
      )}
      {children.length ? (
        <ul>
          {children.map((c) => (
            <FuseNode node={c} circuitId={c.id} config={config} status={props.status} />
          ))}
        </ul>
      ) : (
        ''
      )}
    </li>
  )
}

const sourceTone: Record<string, string> = { driver: 'ok', ev: 'busy', pattern: 'warn', default: 'off' }

/** Where a departure came from (driver, ev, pattern, default). */
function SourceBadge(props: { source: string | null }) {
  const source = props.source ?? 'default'
  return <Badge text={source} tone={sourceTone[source] ?? 'off'} />
}
