import { describe, expect, test } from 'bun:test'
import { newPasswordErrors } from './password-rules'

describe('choosing a password', () => {
  test.each([
    ['short', 'short', { password: 'use at least 12 characters' }],
    ['x'.repeat(201), 'x'.repeat(201), { password: 'use at most 200 characters' }],
    ['long enough pass', 'long enough pas', { confirm: 'the two passwords differ' }],
    ['long enough pass', 'long enough pass', {}],
  ])('%p confirmed as %p → %p', (password, confirm, errors) => {
    expect(newPasswordErrors(password, confirm)).toEqual(errors)
  })
})
