import { expect, test } from 'bun:test'
import { CardPool } from './card-pool'
import { Rng } from './prng'

test('no card is handed out twice while free ones remain; a card given back is free again', () => {
  const cards = new CardPool(['A', 'B', 'C'])
  const rng = new Rng(3)
  expect(new Set([cards.take(rng), cards.take(rng), cards.take(rng)])).toEqual(new Set(['A', 'B', 'C']))
  cards.give('B')
  expect(cards.take(rng)).toBe('B')
})

test('when every card is out, any card is drawn', () => {
  const cards = new CardPool(['A'])
  const rng = new Rng(1)
  expect([cards.take(rng), cards.take(rng)]).toEqual(['A', 'A'])
  cards.give('A')
  expect(cards.take(rng)).toBe('A')
})
