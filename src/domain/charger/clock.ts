/**
 * A charger's timestamp further than this (ms) ahead of when its message arrived is the charger's clock
 * being wrong, not information: it neither orders statuses nor decides energy.
 */
export const CLOCK_SKEW_MS = 5 * 60_000
