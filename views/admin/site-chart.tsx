import type { Point } from '../chart'

/** Conductor colours (IEC 60446): L1 brown, L2 black, L3 grey. */
export const PHASE_COLORS = ['#8b4513', '#111827', '#8a94a6'] as const
const EV_COLOR = '#1f6feb'
const BUILDING_COLOR = '#c4cbd6'
const LIMIT_COLOR = '#b42318'

/** One line of a {@link SeriesChart}. */
export interface Series {
  label: string
  color: string
  points: Point[]
}

const clock = new Intl.DateTimeFormat('sv-SE', { hour: '2-digit', minute: '2-digit' })

/**
 * A server-rendered SVG chart of several lines over time, with an optional dashed limit line (a fuse,
 * a peak target), a legend and the times of both ends. No JavaScript: the live page swaps it whole.
 */
export function SeriesChart(props: {
  series: Series[]
  unit: string
  label: string
  limit?: number
  limitLabel?: string
  height?: number
}) {
  const all = props.series.flatMap((s) => s.points)
  if (all.length < 2) return <p class="muted">Not enough data for a chart yet.</p>
  const w = 600
  const h = props.height ?? 180
  const pad = 34
  const [x0, x1] = [Math.min(...all.map((p) => p.x)), Math.max(...all.map((p) => p.x))]
  const y1 = Math.max(...all.map((p) => p.y), props.limit ?? 0) * 1.1 || 1
  const sx = (x: number) => pad + ((x - x0) / (x1 - x0 || 1)) * (w - pad * 2)
  const sy = (y: number) => h - pad - (Math.max(0, y) / y1) * (h - pad * 2)
  const path = (pts: Point[]) =>
    pts.map((p, i) => `${i ? 'L' : 'M'}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' ')
  return (
    <svg class="chart" viewBox={`0 0 ${w} ${h}`} role="img" aria-label={props.label}>
      <line x1={pad} y1={h - pad} x2={w - pad} y2={h - pad} stroke="#e3e6ec" />
      <text x={pad} y={pad - 14} font-size="11" fill="#6b7385" safe>{`${y1.toFixed(1)} ${props.unit}`}</text>
      <text x={pad} y={h - pad + 14} font-size="11" fill="#6b7385" safe>
        {clock.format(x0)}
      </text>
      <text x={w - pad} y={h - pad + 14} font-size="11" fill="#6b7385" text-anchor="end" safe>
        {clock.format(x1)}
      </text>
      {props.limit === undefined ? (
        ''
      ) : (
        <LimitLine
          y={sy(props.limit)}
          x0={pad}
          x1={w - pad}
          label={props.limitLabel ?? `limit ${props.limit} ${props.unit}`}
        />
      )}
      {props.series.map((s) => (
        <path d={path(s.points)} fill="none" stroke={s.color} stroke-width="2" data-series={s.label} />
      ))}
      <Legend series={props.series} x={pad + 90} y={pad - 24} />
    </svg>
  )
}

function LimitLine(props: { y: number; x0: number; x1: number; label: string }) {
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

function Legend(props: { series: Series[]; x: number; y: number }) {
  return (
    <>
      {props.series.map((s, i) => (
        <g>
          <rect x={props.x + i * 90} y={props.y} width="10" height="10" fill={s.color} />
          <text x={props.x + 14 + i * 90} y={props.y + 9} font-size="11" fill="#1d2330" safe>
            {s.label}
          </text>
        </g>
      ))}
    </>
  )
}

/**
 * Per-phase bars of the main fuse's current against its limit (red dashed): the building's part grey,
 * the rest (the EVs) blue, with the total beside them.
 */
export function PhaseBars(props: {
  phases: number
  limitA: number
  loadA: readonly number[]
  buildingA: readonly number[]
}) {
  const n = props.phases === 1 ? 1 : 3
  const loads = [0, 1, 2].slice(0, n).map((i) => props.loadA[i] ?? 0)
  const scale = Math.max(props.limitA, ...loads) * 1.1 || 1
  const w = 420
  const sx = (a: number) => 30 + (Math.max(0, a) / scale) * (w - 30)
  return (
    <svg
      class="chart phase-bars"
      viewBox={`0 0 ${w + 150} ${n * 30 + 10}`}
      role="img"
      aria-label="Current per phase against the limit"
    >
      {loads.map((load, i) => (
        <PhaseBar
          phase={i + 1}
          y={6 + i * 30}
          load={load}
          buildingA={props.buildingA[i] ?? 0}
          limitA={props.limitA}
          sx={sx}
          textX={w + 8}
        />
      ))}
    </svg>
  )
}

function PhaseBar(props: {
  phase: number
  y: number
  load: number
  buildingA: number
  limitA: number
  sx: (a: number) => number
  textX: number
}) {
  const { y, sx, load } = props
  const b = Math.min(load, props.buildingA)
  return (
    <g data-phase={`L${props.phase}`}>
      <text x="0" y={y + 15} font-size="12" fill="#1d2330" safe>{`L${props.phase}`}</text>
      <rect x="30" y={y} width={sx(b) - 30} height="20" fill={BUILDING_COLOR} />
      <rect x={sx(b)} y={y} width={sx(load) - sx(b)} height="20" fill={EV_COLOR} />
      <line
        x1={sx(props.limitA)}
        x2={sx(props.limitA)}
        y1={y - 3}
        y2={y + 23}
        stroke={LIMIT_COLOR}
        stroke-width="2"
        stroke-dasharray="3 2"
      />
      <text
        x={props.textX}
        y={y + 15}
        font-size="12"
        fill={load > props.limitA ? LIMIT_COLOR : '#1d2330'}
        safe
      >
        {`${load.toFixed(1)} / ${props.limitA.toFixed(0)} A`}
      </text>
    </g>
  )
}

/** A small bar of `value` against `limit`, coloured by how close it is (for table cells). */
export function MiniMeter(props: { value: number; limit: number; label: string }) {
  const ratio = props.limit > 0 ? props.value / props.limit : 0
  const color = ratio > 0.95 ? LIMIT_COLOR : ratio > 0.8 ? '#8a5a00' : '#1a7f37'
  return (
    <span class="mini-meter" title={`${props.label}: ${props.value.toFixed(1)} of ${props.limit} A`}>
      <svg width="60" height="8" viewBox="0 0 60 8" role="img" aria-label={props.label}>
        <rect width="60" height="8" fill="#eceff3" />
        <rect width={Math.min(60, ratio * 60).toFixed(1)} height="8" fill={color} />
      </svg>{' '}
      <span safe>{`${props.label} ${props.value.toFixed(0)}/${props.limit.toFixed(0)} A`}</span>
    </span>
  )
}

/** Vertical bars with labels under them and an optional dashed target (e.g. monthly peaks in kW). */
export function Bars(props: {
  items: { label: string; value: number }[]
  unit: string
  target?: number | null
  label: string
}) {
  if (!props.items.length) return <p class="muted">No data yet.</p>
  const w = 600
  const h = 180
  const pad = 30
  const top = Math.max(...props.items.map((i) => i.value), props.target ?? 0) * 1.1 || 1
  const slot = (w - pad * 2) / props.items.length
  const sy = (v: number) => h - pad - (v / top) * (h - pad * 2)
  return (
    <svg class="chart" viewBox={`0 0 ${w} ${h}`} role="img" aria-label={props.label}>
      {props.items.map((item, i) => (
        <Bar x={pad + i * slot} slot={slot} top={sy(item.value)} bottom={h - pad} {...item} />
      ))}
      {props.target ? (
        <LimitLine
          y={sy(props.target)}
          x0={pad}
          x1={w - pad}
          label={`target ${props.target} ${props.unit}`}
        />
      ) : (
        ''
      )}
      <text x={pad} y={pad - 10} font-size="11" fill="#6b7385" safe>{`${top.toFixed(1)} ${props.unit}`}</text>
    </svg>
  )
}

function Bar(props: { x: number; slot: number; top: number; bottom: number; label: string; value: number }) {
  const mid = props.x + props.slot / 2
  return (
    <g>
      <rect
        x={props.x + props.slot * 0.15}
        y={props.top}
        width={props.slot * 0.7}
        height={props.bottom - props.top}
        fill={EV_COLOR}
      />
      <text x={mid} y={props.bottom + 14} font-size="10" fill="#6b7385" text-anchor="middle" safe>
        {props.label}
      </text>
      <text x={mid} y={props.top - 3} font-size="10" fill="#1d2330" text-anchor="middle">
        {props.value ? props.value.toFixed(1) : ''}
      </text>
    </g>
  )
}
