/** One point of a line chart: x in epoch ms, y in the chart's unit. */
export interface Point {
  x: number
  y: number
}

/**
 * A small server-rendered SVG line chart (no JavaScript), for numbers people compare over time.
 * An optional `limit` draws a dashed line (e.g. a fuse).
 */
export function LineChart(props: {
  points: Point[]
  unit: string
  height?: number
  limit?: number
  label: string
}) {
  const { points, unit } = props
  if (points.length < 2) return <p class="muted">Not enough data for a chart yet.</p>
  const w = 600
  const h = props.height ?? 160
  const pad = 28
  const xs = points.map((p) => p.x)
  const ys = points.map((p) => p.y).concat(props.limit ?? 0)
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)]
  const y1 = Math.max(...ys) * 1.1 || 1
  const sx = (x: number) => pad + ((x - x0) / (x1 - x0 || 1)) * (w - pad * 2)
  const sy = (y: number) => h - pad - (y / y1) * (h - pad * 2)
  const path = points.map((p, i) => `${i ? 'L' : 'M'}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' ')
  return (
    <svg class="chart" viewBox={`0 0 ${w} ${h}`} role="img" aria-label={props.label}>
      <line x1={pad} y1={h - pad} x2={w - pad} y2={h - pad} class="axis" />
      <text x={pad} y={pad - 8} class="tick" safe>
        {`${y1.toFixed(1)} ${unit}`}
      </text>
      {props.limit === undefined ? (
        ''
      ) : (
        <line x1={pad} x2={w - pad} y1={sy(props.limit)} y2={sy(props.limit)} class="limit" />
      )}
      <path d={path} class="line" />
    </svg>
  )
}
