import { type ParsedMail, simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

/** A mail the local SMTP server received. */
export interface ReceivedMail {
  to: string
  subject: string
  text: string
}

/** A real SMTP server on loopback for tests: what it receives, and a wait for the next mail to someone. */
export interface MailServer {
  /** `smtp://127.0.0.1:<port>`, for `CSMS_SMTP_URL`. */
  url: string
  received: ReceivedMail[]
  /** The next mail to `to` (one already received and not yet taken counts). */
  next(to: string): Promise<ReceivedMail>
  close(): Promise<void>
}

/**
 * Starts the npm `smtp-server` on a free loopback port (no TLS, any sender), parsing each mail with
 * `mailparser`, so a test reads exactly what a driver's mail program would.
 */
export async function startMailServer(): Promise<MailServer> {
  const received: ReceivedMail[] = []
  const taken = new Set<ReceivedMail>()
  const waiting: { to: string; resolve: (m: ReceivedMail) => void }[] = []
  const deliver = (mail: ReceivedMail) => {
    received.push(mail)
    const i = waiting.findIndex((w) => w.to === mail.to)
    if (i >= 0) {
      taken.add(mail)
      waiting.splice(i, 1)[0]!.resolve(mail)
    }
  }
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed: ParsedMail) => {
          for (const rcpt of session.envelope.rcptTo)
            deliver({ to: rcpt.address, subject: parsed.subject ?? '', text: parsed.text ?? '' })
          callback()
        },
        (err: Error) => callback(err),
      )
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as { port: number }
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    next(to) {
      const ready = received.find((m) => m.to === to && !taken.has(m))
      if (ready) {
        taken.add(ready)
        return Promise.resolve(ready)
      }
      return new Promise((resolve) => waiting.push({ to, resolve }))
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** The sign-in link in a mail's text. */
export function linkIn(mail: ReceivedMail): string {
  const link = /https?:\/\/\S+\/me\/link\/[A-Za-z0-9_-]+/.exec(mail.text)?.[0]
  if (!link) throw new Error(`no sign-in link in: ${mail.text}`)
  return link
}
