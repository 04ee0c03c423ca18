// What Linux's /proc says about a child process (the parser process, recheck's agent), for the
// limits authkit enforces on them. Elsewhere there is no /proc: no figure, and no limit from it.
import { readFileSync } from 'node:fs';

/** Resident memory of a process in MB; 0 where /proc cannot tell. */
export function processRssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** CPU time (user + system, ms) a process has used; null where /proc cannot tell. */
export function processCpuMs(pid: number): number | null {
  try {
    // Fields after the command (which may hold spaces) end with ") "; utime and stime are 14 and 15.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}
