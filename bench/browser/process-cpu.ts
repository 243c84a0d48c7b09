/**
 * CPU time by process from Linux's /proc, for costs that sit outside the page that times itself:
 * Chromium's processes (found as descendants of the browser process and told apart by their
 * command line's `--type=…`) and any other process named by pid, such as the OTLP receiver.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second, the unit of utime and stime in /proc/<pid>/stat. */
const TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

interface Stat {
  readonly ppid: number;
  /** utime + stime of every thread, in seconds. */
  readonly cpu: number;
}

/** proc(5): the command name is in parentheses and may hold spaces, so fields count from its end. */
function stat(pid: number): Stat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
  } catch {
    return null;
  }
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // After the name: state (3), ppid (4), …, utime (14), stime (15).
  const ppid = Number(fields[1]);
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { ppid, cpu: ticks / TICKS };
}

/** Chromium rewrites its children's titles as one string; the flags we read have no spaces. */
function cmdline(pid: number): string[] {
  try {
    return readFileSync(`/proc/${String(pid)}/cmdline`, 'utf8').split(/[\0 ]/);
  } catch {
    return [];
  }
}

/** A Chromium process's role, from its flags (content/public/common/content_switches.cc). */
export function chromiumRole(args: readonly string[]): string {
  const flag = (name: string) =>
    args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? null;
  const type = flag('type');
  if (type === null) return 'browser';
  if (type === 'renderer') {
    return args.includes('--extension-process') ? 'extension renderer' : 'other renderers';
  }
  if (type === 'utility') {
    const sub = flag('utility-sub-type') ?? '';
    if (sub.startsWith('network.')) return 'network service';
    if (sub.startsWith('storage.')) return 'storage service';
    return `utility (${sub})`;
  }
  return type;
}

export type CpuSnapshot = ReadonlyMap<number, { readonly role: string; readonly cpu: number }>;

/** Every process under `root` (itself included) and each of `others`, with its role. */
export function snapshot(root: number, others: Readonly<Record<string, number>>): CpuSnapshot {
  const stats = new Map<number, Stat>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const found = stat(Number(entry));
    if (found !== null) stats.set(Number(entry), found);
  }
  const under = (pid: number): boolean => {
    for (let p = pid; p > 1; p = stats.get(p)?.ppid ?? 0) if (p === root) return true;
    return false;
  };
  const result = new Map<number, { role: string; cpu: number }>();
  for (const [pid, { cpu }] of stats) {
    if (under(pid)) result.set(pid, { role: chromiumRole(cmdline(pid)), cpu });
  }
  for (const [role, pid] of Object.entries(others)) {
    const found = stats.get(pid);
    if (found !== undefined) result.set(pid, { role, cpu: found.cpu });
  }
  return result;
}

/** CPU seconds by role between two snapshots; a process that started in between counts from 0. */
export function cpuByRole(before: CpuSnapshot, after: CpuSnapshot): Map<string, number> {
  const byRole = new Map<string, number>();
  for (const [pid, { role, cpu }] of after) {
    const spent = cpu - (before.get(pid)?.cpu ?? 0);
    byRole.set(role, (byRole.get(role) ?? 0) + spent);
  }
  return byRole;
}
