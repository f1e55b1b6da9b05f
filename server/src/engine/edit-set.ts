// The edits fix-all has accepted in one pass, kept sorted so that "does this edit clash with any of
// them" is two neighbour checks instead of a scan (a file with 50,000 fixable findings made that scan
// quadratic: minutes).
import type { TextEdit } from './findings';
import { firstAtOrAfter } from './text';

/** Two edits clash when their ranges overlap, or when they start or end at the same offset (their order would be ambiguous). */
export function clash(a: TextEdit, b: TextEdit): boolean {
  return (a.start < b.end && b.start < a.end) || a.start === b.start || a.end === b.end;
}

export class EditSet {
  /** Pairwise non-clashing, so sorted by start with distinct starts; `starts` holds them for the search. */
  private readonly sorted: TextEdit[] = [];
  private readonly starts: number[] = [];

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
    const at = this.firstStartingAfter(edit.start);
    this.sorted.splice(at, 0, edit);
    this.starts.splice(at, 0, edit.start);
  }

  private firstStartingAfter(offset: number): number {
    return firstAtOrAfter(this.starts, offset + 1); // offsets are whole numbers
  }
}
