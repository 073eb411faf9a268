import { ChartEmpty, LimitLine, niceTop, YAxis } from '../chart'
import { BUILDING_COLOR, EV_COLOR, INK_COLOR, LIMIT_COLOR, MUTED_COLOR } from '../chart-colors'

/*
 * The site's bar charts: the main fuse's current per phase now, a small gauge per fuse, and a value per
 * period (monthly peaks). Lines over time are drawn by the one time chart, `views/chart.tsx`.
 */

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
      <text x="0" y={y + 15} font-size="12" fill={INK_COLOR} safe>{`L${props.phase}`}</text>
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
        fill={load > props.limitA ? LIMIT_COLOR : INK_COLOR}
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

/** One bar of {@link Bars}: its label under it and its value. */
export interface BarItem {
  label: string
  value: number
}

/**
 * Vertical bars with their labels under them, a y axis titled with its quantity and unit, and an
 * optional dashed target (e.g. monthly peaks in kW). With no bars it says why.
 */
export function Bars(props: {
  items: readonly BarItem[]
  quantity: string
  unit: string
  target?: number | null
  label: string
  /** Why there are no bars, for a person. */
  empty: string
}) {
  if (!props.items.length) return <ChartEmpty text={props.empty} />
  const w = 600
  const h = 180
  const plot = { x0: 46, x1: w - 12, top: 26, bottom: h - 30 }
  const top = niceTop(Math.max(...props.items.map((i) => i.value), props.target ?? 0))
  const slot = (plot.x1 - plot.x0) / props.items.length
  const sy = (v: number) => plot.bottom - (Math.max(0, v) / top) * (plot.bottom - plot.top)
  return (
    <svg class="chart" viewBox={`0 0 ${w} ${h}`} role="img" aria-label={props.label}>
      <YAxis
        ticks={[0, top / 2, top]}
        sy={sy}
        x0={plot.x0}
        x1={plot.x1}
        title={`${props.quantity} (${props.unit})`}
      />
      {props.items.map((item, i) => (
        <Bar x={plot.x0 + i * slot} slot={slot} top={sy(item.value)} bottom={plot.bottom} {...item} />
      ))}
      {props.target ? (
        <LimitLine
          y={sy(props.target)}
          x0={plot.x0}
          x1={plot.x1}
          label={`target ${props.target} ${props.unit}`}
        />
      ) : (
        ''
      )}
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
      <text x={mid} y={props.bottom + 14} font-size="10" fill={MUTED_COLOR} text-anchor="middle" safe>
        {props.label}
      </text>
      <text x={mid} y={props.top - 3} font-size="10" fill={INK_COLOR} text-anchor="middle">
        {props.value ? props.value.toFixed(1) : ''}
      </text>
    </g>
  )
}
