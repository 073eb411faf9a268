import type { Subprocess } from 'bun'

/** A request to a child process: an operation name and its argument. */
interface IpcRequest {
  id: number
  op: string
  arg: unknown
}

/** A child's answer to one request (or its first `ready` message, id 0). */
interface IpcReply {
  id: number
  ok: boolean
  value: unknown
}

/** Handles one operation in a child; the returned value travels back to the parent. */
export type IpcHandler = (op: string, arg: unknown) => Promise<unknown> | unknown

/**
 * A Bun child process we talk to over IPC with request/reply (the server under test, fleet workers).
 * The child calls {@link serveIpc}; its first message (`ready`) resolves {@link IpcChild.ready}.
 */
export class IpcChild<Ready = unknown> {
  readonly proc: Subprocess
  readonly ready: Promise<Ready>
  readonly exited: Promise<number>
  #next = 1
  #waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()

  constructor(
    script: string,
    args: string[] = [],
    opts: { env?: Record<string, string>; bunArgs?: string[] } = {},
  ) {
    let onReady: (v: Ready) => void = () => undefined
    let onFail: (e: Error) => void = () => undefined
    this.ready = new Promise<Ready>((resolve, reject) => {
      onReady = resolve
      onFail = reject
    })
    this.proc = Bun.spawn([process.execPath, ...(opts.bunArgs ?? []), script, ...args], {
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'inherit', 'inherit'],
      serialization: 'json',
      ipc: (message: IpcReply) => {
        if (message.id === 0) return onReady(message.value as Ready)
        const w = this.#waiting.get(message.id)
        this.#waiting.delete(message.id)
        if (message.ok) w?.resolve(message.value)
        else w?.reject(new Error(String(message.value)))
      },
    })
    this.exited = this.proc.exited.then((code) => {
      onFail(new Error(`${script} exited (${code}) before it was ready`))
      for (const w of this.#waiting.values()) w.reject(new Error(`${script} exited (${code})`))
      this.#waiting.clear()
      return code
    })
  }

  get pid(): number {
    return this.proc.pid
  }

  /** Runs `op` in the child and waits for its result. */
  ask<R>(op: string, arg?: unknown): Promise<R> {
    const id = this.#next++
    return new Promise<R>((resolve, reject) => {
      this.#waiting.set(id, { resolve: resolve as (v: unknown) => void, reject })
      this.proc.send({ id, op, arg: arg ?? null } satisfies IpcRequest)
    })
  }

  /** Asks the child to stop (`op`), then kills it if it has not exited within `graceMs`. */
  async stop(op = 'stop', graceMs = 10_000): Promise<void> {
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), graceMs)
    await this.ask(op).catch(() => undefined)
    await this.exited
    clearTimeout(timer)
  }
}

/** In a child: announces `ready` and answers the parent's requests with `handler`. */
export function serveIpc(ready: unknown, handler: IpcHandler): void {
  const send = (reply: IpcReply) => process.send?.(reply)
  process.on('message', (m: IpcRequest) => {
    Promise.resolve()
      .then(() => handler(m.op, m.arg))
      .then(
        (value) => send({ id: m.id, ok: true, value: value ?? null }),
        (err: unknown) =>
          send({ id: m.id, ok: false, value: err instanceof Error ? err.stack : String(err) }),
      )
  })
  send({ id: 0, ok: true, value: ready })
}
