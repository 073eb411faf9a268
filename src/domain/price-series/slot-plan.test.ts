import { describe, expect, test } from 'bun:test'
import { planSlots } from './slot-plan'

const H = 3_600_000
const slot = (h: number, price: string) => ({ from: h * H, to: (h + 1) * H, pricePerKwh: price })

describe('planSlots', () => {
  test('new slots are added, an equal price (as a decimal) is unchanged, another price is revised', () => {
    const plan = planSlots(
      [slot(0, '0.50'), slot(1, '0.61'), slot(2, '0.7')],
      [
        { from: 0, pricePerKwh: '0.5', revision: 1 },
        { from: H, pricePerKwh: '0.6', revision: 2 },
      ],
    )
    expect(plan).toEqual({
      added: [slot(2, '0.7')],
      revised: [{ slot: slot(1, '0.61'), before: { from: H, pricePerKwh: '0.6', revision: 2 } }],
      unchanged: 1,
    })
  })
})
