import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { IpcChild } from './ipc'
import { countOpenFds, readFdLimit, readRss } from './proc'
import type { ServerStats } from './server-main'

/** Open files the server keeps besides charger sockets (database, logs, listening socket, spares). */
export const FD_HEADROOM = 64

/** The benchmark credentials of a CSMS server process. */
export const SERVER_SECRETS = {
  apiKey: 'fleet-bench-api-key-0123456789',
  adminEmail: 'admin@example.com',
  adminPassword: 'fleet-bench-password',
} as const

/** How to start a server under test. */
export interface ServerOptions {
  mode: 'csms' | 'echo'
  /** SQLite file of the CSMS (seed it first); default a fresh temporary file. Removed at stop. */
  dbPath?: string
  /** More environment for the node (e.g. `CSMS_DB_FLUSH_MS`). */
  env?: Record<string, string>
  /** Write a CPU profile (markdown) of the server into this folder when it stops. */
  cpuProfDir?: string
}

/** A running server process under test. */
export interface ServerProcess {
  mode: 'csms' | 'echo'
  pid: number
  port: number
  dbPath: string
  /** OCPP endpoints on `count` loopback addresses (127.0.0.1, 127.0.0.2, …), to spread source ports. */
  ocppUrls(count: number): string[]
  /** HTTP base URL. */
  httpUrl: string
  /** Charger sockets the server can still hold: its RLIMIT_NOFILE minus open files and headroom. */
  socketCap(): number
  fdLimit(): number
  rss(): { rss: number; peak: number }
  stats(): Promise<ServerStats>
  /** A full garbage collection in the server, then its stats. */
  gc(): Promise<ServerStats>
  heapTop(): Promise<{ type: string; count: number }[]>
  /** Stops the server (gracefully) and removes its temporary database. */
  stop(): Promise<void>
}

/** Starts the CSMS (or the echo server) as a child process listening on 0.0.0.0 and a free port. */
export async function spawnServer(o: ServerOptions): Promise<ServerProcess> {
  const dbPath = o.dbPath ?? join(tmpdir(), `fleet-bench-${process.pid}-${Date.now()}.db`)
  const env = {
    FLEET_SERVER: o.mode,
    PORT: '0',
    HOST: '0.0.0.0',
    DATABASE_URL: `file:${dbPath}`,
    CSMS_API_KEY: SERVER_SECRETS.apiKey,
    CSMS_ADMIN_EMAIL: SERVER_SECRETS.adminEmail,
    CSMS_ADMIN_PASSWORD: SERVER_SECRETS.adminPassword,
    CSMS_UNKNOWN_CHARGERS: 'reject',
    LOG_LEVEL: 'warn',
    ...o.env,
  }
  const bunArgs = o.cpuProfDir ? ['--cpu-prof-md', `--cpu-prof-dir=${o.cpuProfDir}`] : []
  const child = new IpcChild<{ port: number }>(join(import.meta.dir, 'server-main.ts'), [], { env, bunArgs })
  const { port } = await child.ready
  const pid = child.pid
  return {
    mode: o.mode,
    pid,
    port,
    dbPath,
    httpUrl: `http://127.0.0.1:${port}`,
    ocppUrls: (count) => Array.from({ length: count }, (_, i) => `ws://127.0.0.${i + 1}:${port}/ocpp`),
    socketCap: () => readFdLimit(pid) - countOpenFds(pid) - FD_HEADROOM,
    fdLimit: () => readFdLimit(pid),
    rss: () => readRss(pid),
    stats: () => child.ask<ServerStats>('stats'),
    gc: () => child.ask<ServerStats>('gc'),
    heapTop: () => child.ask('heap'),
    stop: async () => {
      await child.stop('stop', 30_000)
      for (const s of ['', '-wal', '-shm']) rmSync(`${dbPath}${s}`, { force: true })
    },
  }
}
