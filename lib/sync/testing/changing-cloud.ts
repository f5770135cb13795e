import type { CloudGetter, CloudRequest, CloudResponse, QueryValue } from "../../cloud/types";

/**
 * A cloud that changes while the sync reads it, for tests: every backup list the simulator answers goes through
 * `edit`, which may leave records out (expired, deleted), change them (a running backup ends) or add some (a new
 * backup), and may answer differently from one page to the next (a list that changes while it is read). The
 * simulator's whole list is read for each page, and the page is cut from the edited list, so totals and pages
 * stay those of a real list. Instance lists pass unchanged.
 */

export type RawRecord = Record<string, unknown>;

/** Which page of which list is being answered. */
export interface ListPage {
  path: string;
  /** The list's query without `offset` and `limit` (the instance and time window). */
  query: Record<string, QueryValue>;
  offset: number;
}

export type ListEdit = (records: RawRecord[], page: ListPage) => RawRecord[];

/** Where each backup list keeps its records and its total (TaurusDB's per-instance list sends the total as text). */
const BACKUP_LISTS: { path: RegExp; records: string; total: string; totalAsText?: boolean }[] = [
  { path: /^\/v3\/[^/]+\/backups$/, records: "backups", total: "total_count" },
  { path: /^\/v3\/[^/]+\/instances\/[^/]+\/backups$/, records: "backups", total: "total_count", totalAsText: true },
  { path: /^\/v3\/[^/]+\/instances\/[^/]+\/incremental-backups$/, records: "backups", total: "total_count" },
  { path: /^\/v2\/[^/]+\/instances\/[^/]+\/backups$/, records: "backup_record_response", total: "total_num" },
];

export class ChangingCloud implements CloudGetter {
  /** The change in force; null: the simulator's lists as they are. */
  edit: ListEdit | null = null;

  constructor(private readonly upstream: CloudGetter) {}

  async get(request: CloudRequest): Promise<CloudResponse> {
    const list = BACKUP_LISTS.find((candidate) => candidate.path.test(request.path));
    const edit = this.edit;
    if (!list || !edit) return this.upstream.get(request);
    const { offset, limit, ...query } = request.query ?? {};
    const size = Number(limit);
    const records: RawRecord[] = [];
    let answer: CloudResponse;
    do {
      answer = await this.upstream.get({ ...request, query: { ...query, offset: records.length, limit: size } });
      const body = (answer.body ?? {}) as Record<string, unknown>;
      const page = (body[list.records] ?? []) as RawRecord[];
      records.push(...page);
      if (page.length < size || records.length >= Number(body[list.total] ?? 0)) break;
    } while (records.length > 0);
    const edited = edit(records, { path: request.path, query, offset: Number(offset) });
    const start = Number(offset);
    return {
      ...answer,
      status: 200,
      body: {
        ...((answer.body ?? {}) as Record<string, unknown>),
        [list.records]: edited.slice(start, start + size),
        [list.total]: list.totalAsText ? String(edited.length) : edited.length,
      },
    };
  }
}
