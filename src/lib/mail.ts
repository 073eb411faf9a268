import nodemailer from 'nodemailer'
import type { Logger } from './log'

/** One plain-text mail. */
export interface Mail {
  to: string
  subject: string
  text: string
}

/**
 * Where mail goes (the driver pages' sign-in links): a port with two adapters, {@link smtpMailer}
 * (any SMTP server, by URL) and {@link logMailer} (the embedded default: the mail is logged).
 */
export interface Mailer {
  /** Sends the mail; rejects when the server refuses it or cannot be reached. */
  send(mail: Mail): Promise<void>
}

/**
 * Sends through an SMTP server, e.g. `smtps://user:password@mail.example.com:465` (nodemailer; one
 * pooled connection reused for all mail).
 */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url)
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text })
    },
  }
}

/**
 * Without SMTP configured: the mail is written to the log at info level, so an operator running the
 * CSMS locally can copy a driver's sign-in link from it. Never use it where others read the log.
 */
export function logMailer(log: Logger): Mailer {
  return {
    async send(mail) {
      log.info('mail not sent (no CSMS_SMTP_URL): here it is', {
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
      })
    },
  }
}
