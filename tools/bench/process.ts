/**
 * Runs a command as a child process and measures its wall time and peak memory: the resident set
 * summed over the whole process tree (jest's workers, npx's children), polled from /proc, and each
 * process's own high-water mark (VmHWM), which catches peaks between polls for single processes.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';

export interface ChildRun {
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly wallMs: number;
  /** Largest sum of resident sets over the process tree seen by any poll, KiB. */
  readonly peakTreeRssKb: number;
  /** Largest single-process high-water mark (VmHWM) seen, KiB. */
  readonly peakProcessHwmKb: number;
  /** Most processes seen in the tree at once. */
  readonly maxProcesses: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Poll interval, ms. @default 20 */
  readonly pollMs?: number;
  /** Kill the tree after this long, ms. @default 600000 */
  readonly timeoutMs?: number;
  /** Asked at every poll; true kills the tree (SIGKILL), e.g. when a measured phase overruns its time limit. */
  readonly shouldStop?: () => boolean;
}

/** Process groups of the children running now, killed by `killActiveChildren` (e.g. on Ctrl-C). */
const active = new Set<number>();

/** Kills every measured child's process group that is still running. */
export function killActiveChildren(): void {
  for (const pid of active) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  active.clear();
}

/** True where /proc exposes process status (Linux); elsewhere peaks are reported as 0. */
export const HAS_PROCFS = fs.existsSync('/proc/self/status');

/** The status fields the benchmark needs: parent pid, resident set and its high-water mark (KiB). */
export function parseStatus(text: string): { ppid: number; rssKb: number; hwmKb: number } {
  const field = (name: string): number => {
    const m = new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(text);
    return m ? Number(m[1]) : 0;
  };
  return { ppid: field('PPid'), rssKb: field('VmRSS'), hwmKb: field('VmHWM') };
}

/** Pid -> status of every readable process. */
function snapshot(): Map<number, { ppid: number; rssKb: number; hwmKb: number }> {
  const processes = new Map<number, { ppid: number; rssKb: number; hwmKb: number }>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      processes.set(Number(entry), parseStatus(fs.readFileSync(`/proc/${entry}/status`, 'utf8')));
    } catch {
      // The process exited between readdir and read.
    }
  }
  return processes;
}

/** `root` and every descendant of it in `processes`. */
export function descendants(root: number, processes: ReadonlyMap<number, { readonly ppid: number }>): number[] {
  const children = new Map<number, number[]>();
  for (const [pid, { ppid }] of processes) {
    const list = children.get(ppid);
    if (list) list.push(pid); else children.set(ppid, [pid]);
  }
  const tree: number[] = [];
  const queue = processes.has(root) ? [root] : [];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** Runs `command args`, polling the tree's memory until it exits. Never rejects on a non-zero exit. */
export function runMeasured(command: string, args: readonly string[], options: RunOptions = {}): Promise<ChildRun> {
  const pollMs = options.pollMs ?? 20;
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group, so a timeout can kill the whole tree
    });
    if (child.pid !== undefined) active.add(child.pid);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    let peakTreeRssKb = 0;
    let peakProcessHwmKb = 0;
    let maxProcesses = 0;
    const poll = (): void => {
      if (child.pid !== undefined && options.shouldStop?.()) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
        return;
      }
      if (!HAS_PROCFS || child.pid === undefined) return;
      const processes = snapshot();
      const tree = descendants(child.pid, processes);
      let sum = 0;
      for (const pid of tree) {
        const p = processes.get(pid)!;
        sum += p.rssKb;
        peakProcessHwmKb = Math.max(peakProcessHwmKb, p.hwmKb);
      }
      peakTreeRssKb = Math.max(peakTreeRssKb, sum);
      maxProcesses = Math.max(maxProcesses, tree.length);
    };
    const timer = setInterval(poll, pollMs);
    const timeout = setTimeout(() => {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, options.timeoutMs ?? 600_000);
    child.on('error', (e) => {
      clearInterval(timer);
      clearTimeout(timeout);
      reject(e);
    });
    let wallMs = 0;
    child.on('exit', () => {
      if (child.pid !== undefined) active.delete(child.pid);
      wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      clearInterval(timer);
      clearTimeout(timeout);
    });
    // 'close' comes after 'exit', once the output pipes have drained.
    child.on('close', (code, signal) => resolve({ exitCode: code, signal, wallMs, peakTreeRssKb, peakProcessHwmKb, maxProcesses, stdout, stderr }));
  });
}
