import "server-only";

/**
 * Read-only views of backup record indices, so that paging and time windows never copy a whole list.
 * Only predicate filters materialise their matches (an Int32Array of indices).
 */

export interface IndexList {
  readonly length: number;
  at(position: number): number;
}

export function rangeList(start: number, end: number): IndexList {
  return { length: Math.max(0, end - start), at: (position) => start + position };
}

/** The record, if there is one, as a list of at most one. */
export function singleList(index: number | undefined): IndexList {
  return index === undefined ? rangeList(0, 0) : rangeList(index, index + 1);
}

export function arrayList(indices: Int32Array): IndexList {
  return { length: indices.length, at: (position) => indices[position] };
}

export function sliceList(list: IndexList, from: number, to: number): IndexList {
  const start = Math.max(0, Math.min(from, list.length));
  const end = Math.max(start, Math.min(to, list.length));
  return { length: end - start, at: (position) => list.at(start + position) };
}

export function filterList(list: IndexList, keep: (index: number) => boolean): IndexList {
  const matches = new Int32Array(list.length);
  let count = 0;
  for (let position = 0; position < list.length; position++) {
    const index = list.at(position);
    if (keep(index)) matches[count++] = index;
  }
  return arrayList(matches.subarray(0, count));
}

/** First position whose key is `<= bound`, in a list sorted by descending key. */
function firstAtOrBelow(list: IndexList, key: (index: number) => number, bound: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(list.at(mid)) > bound) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The records with `from <= key <= to` (integer keys) of a list sorted by descending key (binary search, no copy). */
export function windowList(list: IndexList, key: (index: number) => number, from: number, to: number): IndexList {
  const start = firstAtOrBelow(list, key, to);
  const end = firstAtOrBelow(list, key, from - 1);
  return sliceList(list, start, end);
}

export function pageOf(list: IndexList, offset: number, limit: number): number[] {
  const page: number[] = [];
  for (let position = offset; position < Math.min(list.length, offset + limit); position++)
    page.push(list.at(position));
  return page;
}
