import { TimeChart } from '../chart'
import { EV_COLOR, INK_COLOR, PHASE_COLORS } from '../chart-colors'
import { Bars } from './site-bars'

/** What the history part of a site page shows (from `site_load`). */
export interface SiteHistoryProps {
  /** The highest hourly mean of site power per month, oldest first. */
  peaks: { month: string; peakKw: number }[]
  targetKw: number | null
  /** The last day, hour by hour. */
  hours: { at: number; siteKw: number; evKw: number; maxA: readonly [number, number, number] }[]
  phases: number
}

/** Monthly peaks (what an effect tariff bills) and the last day's load by hour. */
export function SiteHistory(props: SiteHistoryProps) {
  return (
    <div class="grid two" id="site-history">
      <PeaksCard {...props} />
      <HoursCard {...props} />
    </div>
  )
}

function PeaksCard(props: SiteHistoryProps) {
  const target = props.targetKw
  return (
    <section class="card">
      <h2>Monthly peaks</h2>
      <p class="muted small">The highest hourly mean of the site's power in each month.</p>
      <Bars
        items={props.peaks.map((p) => ({ label: p.month.slice(2), value: p.peakKw }))}
        quantity="Highest hourly mean"
        unit="kW"
        target={target}
        label="Highest hourly mean power per month, kW"
        empty="No month to show."
      />
      <table class="dense peaks">
        <thead>
          <tr>
            <th>Month</th>
            <th>Peak</th>
            <th>Target</th>
          </tr>
        </thead>
        <tbody>
          {[...props.peaks].reverse().map((p) => (
            <tr>
              <td safe>{p.month}</td>
              <td
                class={target !== null && p.peakKw > target ? 'error' : ''}
                safe
              >{`${p.peakKw.toFixed(1)} kW`}</td>
              <td safe>{target === null ? '—' : `${target} kW`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

function HoursCard(props: SiteHistoryProps) {
  const power = [
    { label: 'site', color: INK_COLOR, points: props.hours.map((h) => ({ x: h.at, y: h.siteKw })) },
    { label: 'EVs', color: EV_COLOR, points: props.hours.map((h) => ({ x: h.at, y: h.evKw })) },
  ]
  const currents = [0, 1, 2].slice(0, props.phases === 1 ? 1 : 3).map((i) => ({
    label: `L${i + 1} max`,
    color: PHASE_COLORS[i]!,
    points: props.hours.map((h) => ({ x: h.at, y: h.maxA[i]! })),
  }))
  const target = props.targetKw
  const limit = target === null ? {} : { limit: { value: target, label: `peak target ${target} kW` } }
  const empty = 'No load recorded in the last 24 hours.'
  return (
    <section class="card">
      <h2>Last 24 hours, by hour</h2>
      <TimeChart
        series={power}
        quantity="Mean power"
        unit="kW"
        label="Mean site and EV power per hour, kW"
        empty={empty}
        {...limit}
      />
      <TimeChart
        series={currents}
        quantity="Highest current"
        unit="A"
        label="Highest current per phase per hour, A"
        empty={empty}
        height={140}
      />
    </section>
  )
}
