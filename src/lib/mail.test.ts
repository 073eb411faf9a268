import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { type MailServer, startMailServer } from '@src/testing/mail-server'
import { createLogger } from './log'
import { logMailer, smtpMailer } from './mail'

let server: MailServer
beforeAll(async () => {
  server = await startMailServer()
})
afterAll(() => server.close())

describe('the mail port', () => {
  test('the SMTP adapter delivers to a real SMTP server, from the configured sender', async () => {
    await smtpMailer(server.url, 'CSMS <noreply@csms.test>').send({
      to: 'driver@example.com',
      subject: 'Sign in',
      text: 'Åäö: https://csms.test/me/link/abc',
    })
    expect(await server.next('driver@example.com')).toEqual({
      to: 'driver@example.com',
      subject: 'Sign in',
      text: 'Åäö: https://csms.test/me/link/abc\n',
    })
  })

  test('a server that cannot be reached rejects the send', async () => {
    const closed = await startMailServer()
    await closed.close()
    await expect(
      smtpMailer(closed.url, 'x@csms.test').send({ to: 'a@b.se', subject: 's', text: 't' }),
    ).rejects.toThrow()
  })

  test('without SMTP the mail, link included, is logged at info level for a local operator', async () => {
    const lines: string[] = []
    const log = createLogger({ level: 'info', sink: (level, line) => lines.push(`${level} ${line}`) })
    await logMailer(log).send({
      to: 'driver@example.com',
      subject: 'Sign in',
      text: 'https://csms.test/me/link/abc',
    })
    expect(lines).toHaveLength(1)
    expect(lines[0]).toStartWith('info ')
    expect(lines[0]).toContain('https://csms.test/me/link/abc')
    expect(lines[0]).toContain('driver@example.com')
  })
})
