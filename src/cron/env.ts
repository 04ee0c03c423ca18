/**
 * The environment of each job in a crontab: cron applies `NAME=value` lines in file order, and a
 * job sees the last assignment of each name above it.
 */

export interface EnvEntry {
  kind: 'env';
  line: number;
  text: string;
  name: string;
  nameCol: number;
  /** The value as cron stores it: outer matching quotes removed. */
  value: string;
  valueCol: number;
  quoted: boolean;
  hasCR: boolean;
}

/** The environment a job runs with: the last assignment of each name before it. */
export interface EnvView {
  get(name: string): EnvEntry | undefined;
  has(name: string): boolean;
}

/**
 * Environment assignments in file order, per name. A job's view is the assignments before it:
 * copying a map per assignment made 20,000 `NAME=value` lines take 20 s.
 */
export class EnvHistory {
  readonly byName = new Map<string, { at: number[]; entries: EnvEntry[] }>();
  count = 0;
  #view: EnvAt | null = null;

  assign(entry: EnvEntry): void {
    let history = this.byName.get(entry.name);
    if (!history) this.byName.set(entry.name, (history = { at: [], entries: [] }));
    history.at.push(this.count++);
    history.entries.push(entry);
  }

  /** One view per stretch of jobs between assignments. */
  view(): EnvView {
    if (this.#view?.count !== this.count) this.#view = new EnvAt(this, this.count);
    return this.#view;
  }
}

class EnvAt implements EnvView {
  constructor(
    readonly history: EnvHistory,
    readonly count: number,
  ) {}

  get(name: string): EnvEntry | undefined {
    const history = this.history.byName.get(name);
    if (!history) return undefined;
    // The last assignment made before this view: a binary search, as a name may be set a million times.
    const { at, entries } = history;
    let lo = 0;
    let hi = at.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (at[mid]! < this.count) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 ? entries[lo - 1] : undefined;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }
}
