/**
 * The colours the charts draw with, so a phase, the EVs, the building and a limit look the same on
 * every page. SVG presentation attributes take them (CSS would be overridden per page otherwise).
 */

/** Conductor colours (IEC 60446): L1 brown, L2 black, L3 grey. */
export const PHASE_COLORS = ['#8b4513', '#111827', '#8a94a6'] as const
/** The EVs' share, and a chart's only line. */
export const EV_COLOR = '#1f6feb'
/** The building's (non-EV) share. */
export const BUILDING_COLOR = '#c4cbd6'
/** A fuse, a target: what the values must stay under. */
export const LIMIT_COLOR = '#b42318'
/** Text. */
export const INK_COLOR = '#1d2330'
/** Axis text. */
export const MUTED_COLOR = '#6b7385'
/** Axes and grid lines. */
export const GRID_COLOR = '#e3e6ec'
