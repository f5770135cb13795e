import { type Backup, type BackupSummary, FACET_FIELDS, type FacetField, type Facets } from "./model";
import { type BackupFilter, DEFAULT_PAGE_SIZE, type SortField, type SortOrder } from "./query";

/**
 * The in-memory view of an inventory: filter, sort, page and facets over every fetched backup.
 *
 * Everything a query needs per row (dictionary codes, epoch times, lower-cased search text) is computed once
 * by `prepareInventory`, when an inventory is fetched. Sort orders are built on first use and kept (the
 * default, startedAt desc, during preparation); a text field's first use costs a string sort of its distinct
 * values. A query is then one pass over typed arrays for filters and facets, plus a walk of a ready order.
 *
 * Filter rules: an absent or empty list filters nothing; a null trigger never matches a trigger filter;
 * `from <= startedAt < to` compares epoch ms. Facets leave out null values and zero counts, and list
 * values in code-unit order.
 *
 * Sort rules:
 * - times and numbers compare as numbers (times as epoch ms);
 * - text compares case-insensitively first (lower-cased UTF-16 code units), then by exact code units, so the
 *   order does not depend on the server's locale;
 * - null (and an unparsable time) sorts last in both directions;
 * - ties are broken by `service`, then `id`, both ascending, whatever the order (then by input position).
 */

export type InventoryQuery = BackupFilter & {
  sort?: SortField;
  order?: SortOrder;
  page?: number;
  pageSize?: number;
};

export interface BackupView {
  items: Backup[];
  total: number;
  facets: Facets;
  summary: BackupSummary;
}

/** Code 0 of every dimension stands for null: no filter keeps it and no facet counts it. */
const NULL_CODE = 0;

/** Distinct values of one field, each row holding the code (index) of its value; `values[NULL_CODE]` is unused. */
interface Dimension {
  values: string[];
  codes: Uint32Array;
}

type DimensionField = FacetField | "instance";

/** Joins the searchable fields; a query containing it falls back to per-field matching. */
const SEARCH_SEPARATOR = "\u0000";

type SortKey = { numeric: (backup: Backup) => number } | { text: (backup: Backup) => string | null };

/** NaN stands for null in numeric keys. */
const SORT_KEYS: Record<SortField, SortKey> = {
  startedAt: { numeric: (backup) => Date.parse(backup.startedAt) },
  endedAt: { numeric: (backup) => (backup.endedAt === null ? Number.NaN : Date.parse(backup.endedAt)) },
  sizeBytes: { numeric: (backup) => backup.sizeBytes ?? Number.NaN },
  durationSeconds: { numeric: (backup) => backup.durationSeconds ?? Number.NaN },
  name: { text: (backup) => backup.name },
  instanceName: { text: (backup) => backup.instanceName },
  service: { text: (backup) => backup.service },
  engine: { text: (backup) => backup.engine },
  status: { text: (backup) => backup.status },
  kind: { text: (backup) => backup.kind },
  region: { text: (backup) => backup.region },
};

function isFacetField(field: string): field is FacetField {
  return (FACET_FIELDS as readonly string[]).includes(field);
}

/** Dense rank of each row's sort value (0 = smallest); `nullRank` (one past the largest) for null. */
interface Ranking {
  ranks: Uint32Array;
  nullRank: number;
}

export class PreparedInventory {
  readonly backups: readonly Backup[];
  readonly dimensions: Record<DimensionField, Dimension>;
  /** `startedAt` as epoch ms (NaN if unparsable). */
  readonly startedMs: Float64Array;
  /** Lower-cased id, name, instanceId, instanceName and description, joined by SEARCH_SEPARATOR. */
  readonly searchText: string[];
  /** Rows in (service, id) order, and each row's place in it: the tie-breaker of every sort. */
  private readonly tieOrder: Uint32Array;
  private readonly tieRank: Uint32Array;
  private readonly orders = new Map<string, Uint32Array>();
  /** Shared by both directions of a field: for text it is the costly part (a string sort). */
  private readonly rankings = new Map<SortField, Ranking>();

  constructor(backups: readonly Backup[]) {
    this.backups = backups;
    this.dimensions = {
      service: encode(backups, (backup) => backup.service),
      engine: encode(backups, (backup) => backup.engine),
      status: encode(backups, (backup) => backup.status),
      kind: encode(backups, (backup) => backup.kind),
      trigger: encode(backups, (backup) => backup.trigger),
      region: encode(backups, (backup) => backup.region),
      instance: encode(backups, (backup) => backup.instanceId),
    };
    this.startedMs = Float64Array.from(backups, (backup) => Date.parse(backup.startedAt));
    this.searchText = backups.map((backup) => searchFields(backup).join(SEARCH_SEPARATOR).toLowerCase());
    this.tieOrder = Uint32Array.from(backups.keys()).sort((a, b) => {
      const left = backups[a];
      const right = backups[b];
      return compareText(left.service, right.service) || compareText(left.id, right.id) || a - b;
    });
    this.tieRank = new Uint32Array(backups.length);
    for (let position = 0; position < this.tieOrder.length; position++)
      this.tieRank[this.tieOrder[position]] = position;
    // The page's default order, ready before the first request.
    this.order("startedAt", "desc");
  }

  get size(): number {
    return this.backups.length;
  }

  /** Every row, in the given order (memoised). */
  order(field: SortField, direction: SortOrder): Uint32Array {
    const key = `${field}:${direction}`;
    let order = this.orders.get(key);
    if (!order) {
      order = this.buildOrder(field, direction);
      this.orders.set(key, order);
    }
    return order;
  }

  /**
   * Sorts one number per row, `rank * n + tieRank`: unique per row and exact in a double while
   * n² < 2⁵³, and a native sort of a Float64Array is far cheaper than a comparator over objects.
   */
  private buildOrder(field: SortField, direction: SortOrder): Uint32Array {
    const { ranks, nullRank } = this.ranking(field);
    const count = this.backups.length;
    const keys = new Float64Array(count);
    for (let row = 0; row < count; row++) {
      const rank = ranks[row];
      const directed = rank === nullRank || direction === "asc" ? rank : nullRank - 1 - rank;
      keys[row] = directed * count + this.tieRank[row];
    }
    keys.sort();
    const order = new Uint32Array(count);
    for (let position = 0; position < count; position++) order[position] = this.tieOrder[keys[position] % count];
    return order;
  }

  private ranking(field: SortField): Ranking {
    let ranking = this.rankings.get(field);
    if (!ranking) {
      const key = SORT_KEYS[field];
      ranking =
        "numeric" in key
          ? rankNumbers(field === "startedAt" ? this.startedMs : Float64Array.from(this.backups, key.numeric))
          : rankText(isFacetField(field) ? this.dimensions[field] : encode(this.backups, key.text));
      this.rankings.set(field, ranking);
    }
    return ranking;
  }
}

function searchFields(backup: Backup): string[] {
  return [backup.id, backup.name, backup.instanceId, backup.instanceName, backup.description].map((text) => text ?? "");
}

/** Code-unit order: `localeCompare` would make the order depend on the runtime's locale data. */
function compareText(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

function encode(backups: readonly Backup[], fieldOf: (backup: Backup) => string | null): Dimension {
  const values = [""];
  const codeOf = new Map<string, number>();
  const codes = new Uint32Array(backups.length);
  for (let row = 0; row < backups.length; row++) {
    const value = fieldOf(backups[row]);
    if (value === null) continue;
    let code = codeOf.get(value);
    if (code === undefined) {
      code = values.length;
      codeOf.set(value, code);
      values.push(value);
    }
    codes[row] = code;
  }
  return { values, codes };
}

function rankText({ values, codes }: Dimension): Ranking {
  const distinct = values.length - 1;
  const lower = values.map((value) => value.toLowerCase());
  const sortedCodes = Array.from({ length: distinct }, (_, index) => index + 1).sort(
    (a, b) => compareText(lower[a], lower[b]) || compareText(values[a], values[b]),
  );
  const rankOfCode = new Uint32Array(values.length);
  rankOfCode[NULL_CODE] = distinct;
  sortedCodes.forEach((code, rank) => {
    rankOfCode[code] = rank;
  });
  const ranks = new Uint32Array(codes.length);
  for (let row = 0; row < ranks.length; row++) ranks[row] = rankOfCode[codes[row]];
  return { ranks, nullRank: distinct };
}

function rankNumbers(values: Float64Array): Ranking {
  // A typed-array sort is numeric; NaN (null) is dropped first, then the duplicates.
  const sorted = values.filter((value) => !Number.isNaN(value)).sort();
  let distinct = 0;
  for (let index = 0; index < sorted.length; index++)
    if (distinct === 0 || sorted[index] !== sorted[distinct - 1]) sorted[distinct++] = sorted[index];
  const ranks = new Uint32Array(values.length);
  for (let row = 0; row < values.length; row++) {
    const value = values[row];
    ranks[row] = Number.isNaN(value) ? distinct : lowerBound(sorted, distinct, value);
  }
  return { ranks, nullRank: distinct };
}

function lowerBound(sorted: Float64Array, length: number, value: number): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

const preparedByArray = new WeakMap<readonly Backup[], PreparedInventory>();

/**
 * Indexes an inventory for queries: call it once per fetch; the array must not change afterwards.
 * Memoised per array, so passing the same array again costs nothing.
 */
export function prepareInventory(backups: readonly Backup[]): PreparedInventory {
  let inventory = preparedByArray.get(backups);
  if (!inventory) {
    inventory = new PreparedInventory(backups);
    preparedByArray.set(backups, inventory);
  }
  return inventory;
}

/** Not `instanceof`: a cached inventory may come from another server bundle's copy of this class. */
function asPrepared(inventory: PreparedInventory | readonly Backup[]): PreparedInventory {
  return isBackupArray(inventory) ? prepareInventory(inventory) : inventory;
}

function isBackupArray(inventory: PreparedInventory | readonly Backup[]): inventory is readonly Backup[] {
  return Array.isArray(inventory);
}

/** Which codes of a dimension a filter keeps, or null when the filter is absent or empty (keeps all). */
function allowedCodes(dimension: Dimension, wanted: readonly string[] | undefined): Uint8Array | null {
  if (!wanted || wanted.length === 0) return null;
  const wantedSet = new Set(wanted);
  const allowed = new Uint8Array(dimension.values.length);
  for (let code = NULL_CODE + 1; code < dimension.values.length; code++)
    if (wantedSet.has(dimension.values[code])) allowed[code] = 1;
  return allowed;
}

function instantMs(value: string | undefined, absent: number): number {
  if (value === undefined) return absent;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO 8601 instant: ${value}`);
  return ms;
}

interface Selection {
  /** 1 for each row that passes every filter. */
  matched: Uint8Array;
  total: number;
  /** Sum of the known sizes of the matching rows. */
  sizeBytes: number;
  /** Per facet field (FACET_FIELDS order), the count of each code among rows passing every other filter. */
  counts: Uint32Array[];
}

/**
 * One pass over the rows. A row failing exactly one facet filter still counts in that facet, since
 * `facets.X` ignores the filter on X; a row failing two counts nowhere.
 */
function select(inventory: PreparedInventory, filter: BackupFilter): Selection {
  const facetDimensions = FACET_FIELDS.map((field) => inventory.dimensions[field]);
  const facetCodes = facetDimensions.map((dimension) => dimension.codes);
  const counts = facetDimensions.map((dimension) => new Uint32Array(dimension.values.length));
  const facetFilters = FACET_FIELDS.flatMap((field, facet) => {
    const allowed = allowedCodes(facetDimensions[facet], filter[field]);
    return allowed ? [{ facet, allowed, codes: facetCodes[facet] }] : [];
  });

  const instanceAllowed = allowedCodes(inventory.dimensions.instance, filter.instance);
  const instanceCodes = inventory.dimensions.instance.codes;
  const hasTimeBounds = filter.from !== undefined || filter.to !== undefined;
  const fromMs = instantMs(filter.from, Number.NEGATIVE_INFINITY);
  const toMs = instantMs(filter.to, Number.POSITIVE_INFINITY);
  const startedMs = inventory.startedMs;
  const needle = filter.q ? filter.q.toLowerCase() : "";
  const needleSpansFields = needle.includes(SEARCH_SEPARATOR);
  const searchText = inventory.searchText;

  const matched = new Uint8Array(inventory.size);
  let total = 0;
  let sizeBytes = 0;
  for (let row = 0; row < matched.length; row++) {
    let failedFacet = -1;
    let failures = 0;
    for (const { facet, allowed, codes } of facetFilters) {
      if (allowed[codes[row]] === 0) {
        failedFacet = facet;
        if (++failures > 1) break;
      }
    }
    if (failures > 1) continue;
    if (instanceAllowed && instanceAllowed[instanceCodes[row]] === 0) continue;
    if (hasTimeBounds) {
      const started = startedMs[row];
      // Negated so that NaN (an unparsable startedAt) is outside any bound.
      if (!(started >= fromMs && started < toMs)) continue;
    }
    if (needle) {
      const found = needleSpansFields
        ? searchFields(inventory.backups[row]).some((field) => field.toLowerCase().includes(needle))
        : searchText[row].includes(needle);
      if (!found) continue;
    }
    if (failures === 1) {
      counts[failedFacet][facetCodes[failedFacet][row]]++;
      continue;
    }
    matched[row] = 1;
    total++;
    sizeBytes += inventory.backups[row].sizeBytes ?? 0;
    for (let facet = 0; facet < counts.length; facet++) counts[facet][facetCodes[facet][row]]++;
  }
  return { matched, total, sizeBytes, counts };
}

function facetsOf(inventory: PreparedInventory, counts: Uint32Array[]): Facets {
  const facet = (field: FacetField): Record<string, number> => {
    const values = inventory.dimensions[field].values;
    const fieldCounts = counts[FACET_FIELDS.indexOf(field)];
    const entries: [string, number][] = [];
    for (let code = NULL_CODE + 1; code < values.length; code++)
      if (fieldCounts[code] > 0) entries.push([values[code], fieldCounts[code]]);
    return Object.fromEntries(entries.sort(([left], [right]) => compareText(left, right)));
  };
  return {
    service: facet("service"),
    engine: facet("engine"),
    status: facet("status"),
    kind: facet("kind"),
    trigger: facet("trigger"),
    region: facet("region"),
  };
}

function orderOf(inventory: PreparedInventory, query: InventoryQuery): Uint32Array {
  return inventory.order(query.sort ?? "startedAt", query.order ?? "desc");
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer`);
  return value;
}

/** One page of the backups matching `query`, in its order, with their total and the facets. */
export function queryBackups(inventory: PreparedInventory | readonly Backup[], query: InventoryQuery): BackupView {
  const prepared = asPrepared(inventory);
  const page = positiveInteger("page", query.page ?? 1);
  const pageSize = positiveInteger("pageSize", query.pageSize ?? DEFAULT_PAGE_SIZE);
  const { matched, total, sizeBytes, counts } = select(prepared, query);
  const items: Backup[] = [];
  let skip = (page - 1) * pageSize;
  if (skip < total) {
    const order = orderOf(prepared, query);
    for (let position = 0; position < order.length && items.length < pageSize; position++) {
      const row = order[position];
      if (matched[row] === 0) continue;
      if (skip > 0) skip--;
      else items.push(prepared.backups[row]);
    }
  }
  return { items, total, facets: facetsOf(prepared, counts), summary: { sizeBytes } };
}

/**
 * Every backup matching `query` (paging ignored), in its order: what the export streams. Filtering
 * happens now; the rows are produced as the iterator is pulled.
 */
export function matchingBackups(
  inventory: PreparedInventory | readonly Backup[],
  query: InventoryQuery,
): IterableIterator<Backup> {
  const prepared = asPrepared(inventory);
  const { matched } = select(prepared, query);
  const order = orderOf(prepared, query);
  return (function* () {
    for (let position = 0; position < order.length; position++) {
      const row = order[position];
      if (matched[row] === 1) yield prepared.backups[row];
    }
  })();
}
