import { readdir, readFile } from 'node:fs/promises';

/**
 * The pid of the Chromium browser process running the profile `userDataDir`: the one process
 * whose command line names that profile and has no `--type=` (renderers, the GPU and utility
 * processes all have one). A persistent Playwright context does not expose its process.
 */
export async function chromiumBrowserPid(userDataDir: string): Promise<number> {
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    // A process may end between the listing and the read.
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    const args = cmdline.split('\0');
    if (!args.includes(`--user-data-dir=${userDataDir}`)) continue;
    if (args.some((arg) => arg.startsWith('--type='))) continue;
    found.push(Number(entry));
  }
  if (found.length !== 1)
    throw new Error(`expected one browser process for ${userDataDir}, found ${found.join(', ')}`);
  return found[0] ?? -1;
}

/** Running processes (zombies left out) whose pid and command line pass `match`. */
async function liveProcesses(match: (pid: number, cmdline: string) => boolean): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const [cmdline, stat] = await Promise.all([
      readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => ''),
      readFile(`/proc/${entry}/stat`, 'utf8').catch(() => ''),
    ]);
    // A zombie (state Z) has ended; it only waits for its parent to read its exit status.
    if (/\) Z /.test(stat)) continue;
    if (match(Number(entry), cmdline)) found.push(Number(entry));
  }
  return found;
}

/** Processes still running whose command line names `userDataDir` (a crash should leave none). */
export function processesOfProfile(userDataDir: string): Promise<number[]> {
  return liveProcesses((_, cmdline) =>
    cmdline.split('\0').some((arg) => arg.includes(userDataDir)),
  );
}

/**
 * Processes still running of the Firefox whose main process was `pid`: that process, its child
 * processes (`-parentPid <pid>`; their command line does not name the profile) and its crash
 * helper (`crashhelper <pid>`). A crash should leave none.
 */
export function processesOfFirefox(pid: number): Promise<number[]> {
  // Processes the fork server starts have their arguments joined by spaces, not NULs.
  const child = new RegExp(`(^|[\\0 ])(-parentPid|\\S*/crashhelper)[\\0 ]${String(pid)}([\\0 ]|$)`);
  return liveProcesses((entry, cmdline) => entry === pid || child.test(cmdline));
}
