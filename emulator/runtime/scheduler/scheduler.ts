// Fires jobs on their schedules with one unref'd timer each, so a schedule never keeps the
// process alive. Each wake-up computes the next fire time afresh (no drift, no missed-fire
// backlog after a pause, and delays beyond setTimeout's 24.8-day limit just re-arm).
import { nextFireTime, type Schedule } from "./schedule-expression.ts";

const MAX_DELAY = 2 ** 31 - 1;

export interface ScheduledJob {
  key: string;
  schedule: Schedule;
  /** Rate schedules count from here (rule creation or enable time). */
  anchor: Date;
  next?: Date;
  lastFire?: Date;
  timer?: NodeJS.Timeout;
  fire: (at: Date) => void;
}

export class Scheduler {
  private jobs = new Map<string, ScheduledJob>();
  /** Multiplies rate() intervals (tests use e.g. 0.005 so rate(1 minute) fires every 300 ms). */
  readonly rateScale: number;

  constructor(opts: { rateScale?: number } = {}) {
    this.rateScale = opts.rateScale ?? 1;
  }

  /** Arms (or re-arms) a job under `key`, replacing any previous one. */
  arm(key: string, schedule: Schedule, anchor: Date, fire: (at: Date) => void): ScheduledJob {
    this.disarm(key);
    const job: ScheduledJob = { key, schedule, anchor, fire };
    this.jobs.set(key, job);
    this.wait(job, new Date());
    return job;
  }

  disarm(key: string): void {
    const job = this.jobs.get(key);
    if (job?.timer) clearTimeout(job.timer);
    this.jobs.delete(key);
  }

  get(key: string): ScheduledJob | undefined {
    return this.jobs.get(key);
  }

  stopAll(): void {
    for (const key of [...this.jobs.keys()]) this.disarm(key);
  }

  private wait(job: ScheduledJob, from: Date): void {
    if (this.jobs.get(job.key) !== job) return; // disarmed meanwhile (e.g. by its own fire)
    job.next = nextFireTime(job.schedule, from, job.anchor, this.rateScale);
    if (!job.next) return;
    const delay = Math.min(MAX_DELAY, Math.max(0, job.next.getTime() - Date.now()));
    job.timer = setTimeout(() => this.wake(job), delay);
    job.timer.unref();
  }

  private wake(job: ScheduledJob): void {
    const due = job.next;
    if (!due) return;
    if (Date.now() + 5 < due.getTime()) {
      this.wait(job, new Date(due.getTime() - 1));
      return;
    }
    job.lastFire = new Date();
    try {
      job.fire(due);
    } finally {
      // Timers can wake a little early; never compute the next run from before this one.
      this.wait(job, new Date(Math.max(Date.now(), due.getTime())));
    }
  }
}
