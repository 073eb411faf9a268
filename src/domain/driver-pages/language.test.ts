import { describe, expect, test } from 'bun:test'
import { chooseLanguage } from './language'

describe('the language of a driver page', () => {
  test.each([
    ['the cookie wins over the browser', 'sv', 'en-GB,en;q=0.9', 'sv'],
    ['a Swedish browser', undefined, 'sv-SE,sv;q=0.9,en;q=0.8', 'sv'],
    ['the first of ours by quality', undefined, 'de-DE,en;q=0.5,sv;q=0.8', 'sv'],
    ['equal quality: the order decides', undefined, 'en,sv', 'en'],
    ['none of ours: English', undefined, 'de-DE,fr;q=0.9', 'en'],
    ['no header: English', undefined, null, 'en'],
    ['q=0 means not wanted', undefined, 'sv;q=0,en;q=0.1', 'en'],
    ['a cookie with a language we do not speak is ignored', 'de', 'sv', 'sv'],
  ] as const)('%s', (_, cookie, header, expected) => {
    expect(chooseLanguage(cookie, header)).toBe(expected)
  })
})
