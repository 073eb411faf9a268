import { readdirSync, readFileSync } from 'node:fs'

/** Clock ticks per second in /proc/<pid>/stat (USER_HZ, 100 on Linux x86 and arm64). */
const USER_HZ = 100

/** Resident set size and its peak, in bytes, from /proc/<pid>/status. */
export function readRss(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) * 1024
  return { rss: kb('VmRSS'), peak: kb('VmHWM') }
}

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat. */
export function readCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / USER_HZ
}

/** The soft limit on open files of a process (RLIMIT_NOFILE), from /proc/<pid>/limits. */
export function readFdLimit(pid: number): number {
  const limits = readFileSync(`/proc/${pid}/limits`, 'utf8')
  const soft = /Max open files\s+(\d+|unlimited)/.exec(limits)?.[1]
  return soft === undefined || soft === 'unlimited' ? Number.POSITIVE_INFINITY : Number(soft)
}

/** How many files a process has open now. */
export function countOpenFds(pid: number): number {
  return readdirSync(`/proc/${pid}/fd`).length
}

/** Samples a process's CPU use between two calls, as a share of one core (1 = one core busy). */
export class CpuMeter {
  #cpu: number
  #at: number

  constructor(private readonly pid: number) {
    this.#cpu = readCpuSeconds(pid)
    this.#at = performance.now()
  }

  /** Cores used since the last call (or construction). */
  sample(): number {
    const cpu = readCpuSeconds(this.pid)
    const at = performance.now()
    const cores = (cpu - this.#cpu) / ((at - this.#at) / 1000)
    this.#cpu = cpu
    this.#at = at
    return cores
  }
}
