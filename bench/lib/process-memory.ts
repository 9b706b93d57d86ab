/**
 * Resident memory of another process, read from Linux's /proc/<pid>/status: the current RSS (VmRSS),
 * the kernel's own high-water mark (VmHWM), and a sampler for the peak over a stretch of time.
 */
import { readFileSync, writeFileSync } from 'node:fs';

export interface ProcessMemory {
  /** VmRSS in bytes. */
  rssBytes: number;
  /** VmHWM in bytes: the highest RSS since the process started or since {@link resetPeakRss}. */
  hwmBytes: number;
}

function kibField(status: string, name: string): number {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm').exec(status);
  if (!match) throw new Error(`/proc status has no ${name} line`);
  return Number(match[1]) * 1024;
}

/** Throws when the process is gone or the system has no /proc. */
export function readProcessMemory(pid: number): ProcessMemory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return { rssBytes: kibField(status, 'VmRSS'), hwmBytes: kibField(status, 'VmHWM') };
}

/**
 * Resets the process's VmHWM to its current RSS (`echo 5 > /proc/<pid>/clear_refs`, Linux 4.0+), so
 * a later read reports the peak of what happened since, not of start-up. Needs the right to write
 * that file (same user or root); returns false when it could not.
 */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

export interface RssSamples {
  /** The highest VmRSS seen by the sampler. */
  maxRssBytes: number;
  samples: number;
  /** VmHWM read when the sampler stopped (a peak between samples still shows here). */
  hwmBytes: number;
  lastRssBytes: number;
}

/** Reads VmRSS every `everyMs` until stopped; a process that exits ends the sampling early. */
export function sampleRss(pid: number, everyMs = 200): { stop(): RssSamples } {
  let maxRssBytes = 0;
  let samples = 0;
  let last: ProcessMemory | undefined;
  const take = () => {
    try {
      last = readProcessMemory(pid);
      samples++;
      maxRssBytes = Math.max(maxRssBytes, last.rssBytes);
    } catch {
      clearInterval(timer);
    }
  };
  const timer = setInterval(take, everyMs);
  take();
  return {
    stop() {
      clearInterval(timer);
      take();
      if (!last) throw new Error(`could not read /proc/${pid}/status`);
      return { maxRssBytes, samples, hwmBytes: last.hwmBytes, lastRssBytes: last.rssBytes };
    },
  };
}
