import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { requireTool } from '@src/testing/require-tool'
import type { Subprocess } from 'bun'
import { connect } from 'nats'

/** The nats-server binary on PATH, if any (CI installs it). */
export const natsServerBinary = Bun.which('nats-server')

/**
 * Whether the tests that need nats-server can run: without it they skip with one line saying so, and
 * fail with `CI=true` (src/testing/require-tool.ts). `needed` names them: `the NatsBus tests`.
 */
export function requireNatsServer(needed: string): boolean {
  return requireTool({
    tool: 'nats-server',
    available: natsServerBinary !== null,
    install: 'apt-get install nats-server, or put it on PATH',
    needed,
  })
}

/**
 * A real nats-server for integration tests: JetStream on, a temp store, a free port on 127.0.0.1.
 * `stop` and `start` keep the port and the store, so a test can take NATS away mid-test and bring
 * the same server back (clients reconnect on their own, leases survive in the store).
 *
 * @example
 * const nats = await NatsTestServer.start()
 * const bus = await NatsBus.connect({ url: nats.url, ... })
 * await nats.stop() // the outage
 * await nats.start() // the recovery
 * await nats.dispose()
 */
export class NatsTestServer {
  #process: Subprocess | undefined

  private constructor(
    private readonly binary: string,
    readonly url: string,
    private readonly port: number,
    private readonly storeDir: string,
  ) {}

  /** Starts a server on a free port; throws when nats-server is not installed. */
  static async start(): Promise<NatsTestServer> {
    if (!natsServerBinary) throw new Error('nats-server is not on PATH')
    const port = await freePort()
    const storeDir = mkdtempSync(join(tmpdir(), 'csms-nats-'))
    const server = new NatsTestServer(natsServerBinary, `nats://127.0.0.1:${port}`, port, storeDir)
    await server.start()
    return server
  }

  /** (Re)starts the process on the same port and store, and waits until it accepts connections. */
  async start(): Promise<void> {
    if (this.#process) return
    const args = [
      '-a',
      '127.0.0.1',
      '-p',
      String(this.port),
      '-js',
      '-sd',
      this.storeDir,
      '-l',
      this.#logFile(),
    ]
    this.#process = Bun.spawn([this.binary, ...args], { stdout: 'ignore', stderr: 'ignore' })
    await this.#waitUntilAccepting(10_000)
  }

  /** Kills the process (as an outage would) and waits until it has exited. */
  async stop(): Promise<void> {
    const proc = this.#process
    if (!proc) return
    this.#process = undefined
    proc.kill('SIGKILL')
    await proc.exited
  }

  /** Stops the server and deletes its store. */
  async dispose(): Promise<void> {
    await this.stop()
    rmSync(this.storeDir, { recursive: true, force: true })
  }

  /** The server logs to a file in its store dir (a pipe nobody reads could fill up and stall it). */
  #logFile(): string {
    return join(this.storeDir, 'nats-server.log')
  }

  async #waitUntilAccepting(deadlineMs: number): Promise<void> {
    for (const start = Date.now(); ; await Bun.sleep(50)) {
      try {
        const nc = await connect({ servers: this.url, reconnect: false, timeout: 500 })
        await nc.close()
        return
      } catch (err) {
        const exited = this.#process?.exitCode !== null || this.#process.signalCode !== null
        if (exited || Date.now() - start > deadlineMs) {
          const file = this.#logFile()
          const log = existsSync(file) ? readFileSync(file, 'utf8').slice(-2000) : ''
          throw new Error(`nats-server did not start at ${this.url}:\n${log}`, { cause: err })
        }
      }
    }
  }
}

async function freePort(): Promise<number> {
  const srv = createServer()
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve))
  const address = srv.address()
  await new Promise((resolve) => srv.close(resolve))
  if (address === null || typeof address === 'string') throw new Error('no free port')
  return address.port
}
