/**
 * A stable fraction in [0, 1) for a key (32-bit FNV-1a): spreads per-key deadlines evenly without
 * keeping any state, and the same key always lands at the same point.
 *
 * @example
 * phaseOf('CP-1/1') === phaseOf('CP-1/1') // true; different keys are spread over [0, 1)
 */
export function phaseOf(key: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return (h >>> 0) / 0x1_0000_0000
}

/**
 * A period drawn uniformly from [base/2, 3·base/2): the mean stays `baseMs`, and periodic work of many
 * actors that started together (after a node start or a stall) drifts apart instead of running in
 * lockstep. `random` is injectable for tests.
 */
export function jittered(baseMs: number, random: () => number = Math.random): number {
  return Math.floor(baseMs * (0.5 + random()))
}
