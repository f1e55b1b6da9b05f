// The edits fix-all has accepted in one pass, kept sorted so that "does this edit clash with any of
// them" is two neighbour checks instead of a scan (a file with 50,000 fixable findings made that scan
// quadratic: minutes).
import type { TextEdit } from './findings';

/** Two edits clash when their ranges overlap, or when they start or end at the same offset (their order would be ambiguous). */
export function clash(a: TextEdit, b: TextEdit): boolean {
  return (a.start < b.end && b.start < a.end) || a.start === b.start || a.end === b.end;
}

export class EditSet {
  /** Pairwise non-clashing, so sorted by start with distinct starts. */
  private readonly sorted: TextEdit[] = [];

  get edits(): readonly TextEdit[] {
    return this.sorted;
  }

  /**
   * True when `edit` clashes with an accepted edit. Accepted edits do not clash with each other, so an
   * edit that clashes with any of them clashes with the one starting at or before it, or the one after.
   */
  clashes(edit: TextEdit): boolean {
    const i = this.firstStartingAfter(edit.start);
    return (i > 0 && clash(this.sorted[i - 1], edit)) || (i < this.sorted.length && clash(this.sorted[i], edit));
  }

  add(edit: TextEdit): void {
    this.sorted.splice(this.firstStartingAfter(edit.start), 0, edit);
  }

  private firstStartingAfter(offset: number): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sorted[mid].start <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
