import { describe, expect, test } from 'bun:test'
import { compileConstraints } from './constraint-set'
import { admitMinimums, createFillState, maxRaise, topUp } from './fill'
import { interchangeableGroups, regroupByPriority } from './groups'
import { fillTogether } from './progressive-fill'

const fuse = (
  limitA: number,
  members: readonly number[],
  coef: readonly number[] = members.map(() => 1),
) => ({
  id: `fuse${limitA}`,
  limitA,
  terms: members.map((index, k) => ({ index, re: coef[k]! })),
})
const near = (got: ArrayLike<number>, want: readonly number[]) =>
  want.forEach((w, j) => {
    expect(got[j]!).toBeCloseTo(w, 5)
  })

describe('progressive filling', () => {
  test('equals rise together; one capped early leaves its share to the others (max-min fair)', () => {
    const state = createFillState(compileConstraints(3, [fuse(30, [0, 1, 2])]))
    fillTogether(state, [0, 1, 2], [5, 32, 32])
    near(state.x, [5, 12.5, 12.5])
  })

  test('weights make sessions rise in proportion', () => {
    const state = createFillState(compileConstraints(2, [fuse(30, [0, 1])]))
    fillTogether(state, [0, 1], [32, 32], [1, 2])
    near(state.x, [10, 20])
  })

  test('a nested fuse stops only the sessions below it', () => {
    const state = createFillState(compileConstraints(3, [fuse(40, [0, 1, 2]), fuse(10, [0, 1])]))
    fillTogether(state, [0, 1, 2], [32, 32, 32])
    near(state.x, [5, 5, 30])
  })

  test('on a full row, a session that lowers its magnitude keeps rising', () => {
    // |2·x0 − x1| ≤ 10: at x0 = x1 = 10 the row is full; x1 pulls it back, so it goes on to 30.
    const state = createFillState(compileConstraints(2, [fuse(10, [0, 1], [2, -1])]))
    fillTogether(state, [0, 1], [50, 40])
    near(state.x, [10, 30])
  })
})

describe('top-up, admission, regrouping', () => {
  test('top-up leaves no session that could take more alone', () => {
    const state = createFillState(compileConstraints(3, [fuse(30, [0, 1, 2])]))
    topUp(state, [2, 0, 1], [16, 16, 16])
    near(state.x, [14, 0, 16])
    expect(maxRaise(state, 1)).toBeCloseTo(0, 5)
  })

  test('a minimum that does not fit is not admitted at all', () => {
    const state = createFillState(compileConstraints(3, [fuse(10, [0, 1, 2])]))
    expect(admitMinimums(state, [0, 1, 2], [6, 6, 3])).toEqual([0, 2])
    near(state.x, [6, 0, 3])
  })

  test('regrouping hands a group total out by priority tier, equally within a tier', () => {
    const state = createFillState(compileConstraints(4, [fuse(40, [0, 1, 2, 3])]))
    fillTogether(state, [0, 1, 2, 3], [16, 16, 16, 16])
    const order = [3, 1, 0, 2]
    const groups = interchangeableGroups(order, state.groupOf)
    regroupByPriority(state, groups, { caps: [16, 16, 16, 16], mins: [6, 6, 6, 6], tier: [1, 0, 2, 0] })
    near(state.x, [8, 16, 0, 16])
  })
})

describe('regroupByPriority: what it must not lose', () => {
  test('a split that would leave a rest below every minimum idle keeps the old split', () => {
    const state = createFillState(compileConstraints(3, [fuse(18, [0, 1, 2])]))
    fillTogether(state, [0, 1, 2], [6, 6, 6])
    const groups = interchangeableGroups([0, 1, 2], state.groupOf)
    regroupByPriority(state, groups, { caps: [13, 25, 31], mins: [6, 6, 6], tier: [0, 1, 1] })
    near(state.x, [6, 6, 6])
  })

  test('with floors, every session keeps its floor and the tiers share what is above', () => {
    const state = createFillState(compileConstraints(3, [fuse(30, [0, 1, 2])]))
    fillTogether(state, [0, 1, 2], [10, 10, 10])
    const groups = interchangeableGroups([0, 1, 2], state.groupOf)
    const bounds = { caps: [32, 32, 32], mins: [6, 6, 6], tier: [0, 1, 1], floor: [0, 6, 8] }
    regroupByPriority(state, groups, bounds)
    near(state.x, [16, 6, 8])
  })
})
