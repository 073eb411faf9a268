import { GRID_COLOR, INK_COLOR, LIMIT_COLOR, MUTED_COLOR } from './chart-colors'
import { formatDateTime } from './format'

/** One point of a chart: x in epoch ms, y in the chart's unit. */
export interface Point {
  x: number
  y: number
  /** An estimate rather than a reading: drawn as a hollow dot on its line. */
  estimated?: boolean
}

/** One line of a {@link TimeChart}. */
export interface Series {
  /** Named in the legend (shown when there are several lines) and in `data-series`. */
  label: string
  color: string
  points: readonly Point[]
}

/** A dashed line the values should stay under: a fuse, a peak target. */
export interface ChartLimit {
  value: number
  label: string
}

/** What a {@link TimeChart} draws, and what it says when it cannot. */
export interface TimeChartProps {
  series: readonly Series[]
  /** What the y axis measures, e.g. `Power`; its title reads `Power (kW)`. */
  quantity: string
  unit: string
  /** The chart's accessible name. */
  label: string
  /** Why there is nothing to draw, for a person: shown when no line has a point. */
  empty: string
  limit?: ChartLimit
  height?: number
  /** The zone the times along the x axis are read in (a site's); the server's when omitted. */
  timeZone?: string
}

const W = 600
const PAD = { left: 46, right: 12, top: 26, bottom: 34 }
const MINUTES = 10 * 60_000
const DAY = 24 * 3_600_000
const clock = new Intl.DateTimeFormat('sv-SE', { hour: '2-digit', minute: '2-digit' })
const clockSeconds = new Intl.DateTimeFormat('sv-SE', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
})

/** A time as the x axis labels it: with seconds when the chart spans minutes, with the day when days. */
function timeLabel(ms: number, spanMs: number, timeZone?: string): string {
  if (timeZone !== undefined) {
    const t = formatDateTime(ms, timeZone)
    return spanMs < MINUTES ? t.slice(11, 19) : spanMs < DAY ? t.slice(11, 16) : t.slice(5, 16)
  }
  if (spanMs < MINUTES) return clockSeconds.format(ms)
  if (spanMs < DAY) return clock.format(ms)
  return formatDateTime(ms).slice(5, 16)
}

/** The smallest 1, 2, 2.5 or 5 × 10ⁿ at or above `v`: a top of the y axis people read at a glance. */
export function niceTop(v: number): number {
  if (!(v > 0)) return 1
  const magnitude = 10 ** Math.floor(Math.log10(v))
  const step = [1, 2, 2.5, 5, 10].find((f) => f * magnitude >= v * (1 - 1e-9)) ?? 10
  return step * magnitude
}

/** A tick value without float noise: `12.5`, `0.25`, `80`. */
const tick = (v: number) => String(Number(v.toFixed(2)))

/**
 * The one chart of numbers over time: server-rendered SVG (no JavaScript, so a live page swaps it
 * whole), a y axis titled with its quantity and unit and ticked from zero, the times along the x axis,
 * an optional dashed limit, a legend when there are several lines, and a hollow dot on each point
 * that is an estimate rather than a reading. With nothing to draw it says why.
 *
 * @example
 * <TimeChart series={[{ label: 'power', color: EV_COLOR, points }]} quantity="Power" unit="kW"
 *   label="Power of transaction 7" empty="No power reading yet." />
 */
export function TimeChart(props: TimeChartProps) {
  const all = props.series.flatMap((s) => s.points)
  if (!all.length) return <ChartEmpty text={props.empty} />
  const xs = all.map((p) => p.x)
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)]
  if (x0 === x1)
    return (
      <ChartEmpty
        text={`Only one reading so far, at ${timeLabel(x0, 0)}: the chart starts with the next one.`}
      />
    )
  const h = props.height ?? 180
  const ys = all.map((p) => p.y).concat(props.limit?.value ?? 0)
  const y0 = Math.min(0, ...ys)
  const y1 = y0 + niceTop(Math.max(...ys) - y0)
  const plot = { x0: PAD.left, x1: W - PAD.right, top: PAD.top, bottom: h - PAD.bottom }
  const sx = (x: number) => plot.x0 + ((x - x0) / (x1 - x0)) * (plot.x1 - plot.x0)
  const sy = (y: number) => plot.bottom - ((y - y0) / (y1 - y0)) * (plot.bottom - plot.top)
  const path = (pts: readonly Point[]) =>
    pts.map((p, i) => `${i ? 'L' : 'M'}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' ')
  return (
    <svg class="chart" viewBox={`0 0 ${W} ${h}`} role="img" aria-label={props.label}>
      <YAxis ticks={[y0, (y0 + y1) / 2, y1]} sy={sy} x0={plot.x0} x1={plot.x1} title={axisTitle(props)} />
      <TimeAxis x0={x0} x1={x1} sx={sx} y={plot.bottom} height={h} timeZone={props.timeZone} />
      {props.limit ? (
        <LimitLine y={sy(props.limit.value)} x0={plot.x0} x1={plot.x1} label={props.limit.label} />
      ) : (
        ''
      )}
      {props.series.map((s) => (
        <path d={path(s.points)} fill="none" stroke={s.color} stroke-width="2" data-series={s.label} />
      ))}
      {props.series.flatMap((s) =>
        s.points
          .filter((p) => p.estimated)
          .map((p) => (
            <circle
              class="estimated"
              cx={sx(p.x).toFixed(1)}
              cy={sy(p.y).toFixed(1)}
              r="3"
              fill="white"
              stroke={s.color}
              stroke-width="1.5"
            />
          )),
      )}
      {props.series.length > 1 ? <Legend series={props.series} right={plot.x1} /> : ''}
    </svg>
  )
}

/** `Power (kW)`: what the y axis measures, in which unit. */
const axisTitle = (p: { quantity: string; unit: string }) => `${p.quantity} (${p.unit})`

/** Why a chart has nothing to draw. */
export function ChartEmpty(props: { text: string }) {
  return (
    <p class="muted chart-empty" safe>
      {props.text}
    </p>
  )
}

/**
 * A y axis: its title above it, a grid line and a value at each tick. `sy` maps a value to the SVG's
 * y; the axis runs from `x0` to `x1`.
 */
export function YAxis(props: {
  ticks: number[]
  sy: (v: number) => number
  x0: number
  x1: number
  title: string
}) {
  return (
    <g class="y-axis">
      <text x="4" y="12" font-size="11" fill={MUTED_COLOR} class="axis-title" safe>
        {props.title}
      </text>
      {props.ticks.map((v) => (
        <g>
          <line x1={props.x0} x2={props.x1} y1={props.sy(v)} y2={props.sy(v)} stroke={GRID_COLOR} />
          <text x={props.x0 - 4} y={props.sy(v) + 4} font-size="11" fill={MUTED_COLOR} text-anchor="end" safe>
            {tick(v)}
          </text>
        </g>
      ))}
    </g>
  )
}

/** The x axis of a time chart: the times of both ends and the middle, and its title. */
function TimeAxis(props: {
  x0: number
  x1: number
  sx: (x: number) => number
  y: number
  height: number
  timeZone?: string | undefined
}) {
  const span = props.x1 - props.x0
  const at = [
    { x: props.x0, anchor: 'start' },
    { x: (props.x0 + props.x1) / 2, anchor: 'middle' },
    { x: props.x1, anchor: 'end' },
  ]
  return (
    <g class="x-axis">
      {at.map((t) => (
        <text
          x={props.sx(t.x)}
          y={props.y + 14}
          font-size="11"
          fill={MUTED_COLOR}
          text-anchor={t.anchor}
          safe
        >
          {timeLabel(t.x, span, props.timeZone)}
        </text>
      ))}
      <text
        x={props.sx(at[1]!.x)}
        y={props.height - 4}
        font-size="11"
        fill={MUTED_COLOR}
        text-anchor="middle"
        class="axis-title"
      >
        Time
      </text>
    </g>
  )
}

/** A dashed horizontal limit across the plot, labelled at its right end. */
export function LimitLine(props: { y: number; x0: number; x1: number; label: string }) {
  return (
    <g class="limit-line">
      <line
        x1={props.x0}
        x2={props.x1}
        y1={props.y}
        y2={props.y}
        stroke={LIMIT_COLOR}
        stroke-dasharray="6 4"
      />
      <text x={props.x1} y={props.y - 4} font-size="11" fill={LIMIT_COLOR} text-anchor="end" safe>
        {props.label}
      </text>
    </g>
  )
}

/** A colour key per line, right-aligned above the plot. */
function Legend(props: { series: readonly Series[]; right: number }) {
  const slot = 80
  const left = props.right - props.series.length * slot
  return (
    <g class="legend">
      {props.series.map((s, i) => (
        <g>
          <rect x={left + i * slot} y="4" width="10" height="10" fill={s.color} />
          <text x={left + 14 + i * slot} y="13" font-size="11" fill={INK_COLOR} safe>
            {s.label}
          </text>
        </g>
      ))}
    </g>
  )
}
