/**
 * Every React Query key of the dashboard, in one place. Each answer read from the inventory is cached under its
 * root and the view's search string; all of them change when a sync commits, so a sync makes them all stale.
 */

export const BACKUPS_ROOT = ["backups"] as const;
export const COVERAGE_ROOT = ["coverage"] as const;
export const TIMELINE_ROOT = ["timeline"] as const;
export const RESTORE_POINT_ROOT = ["restore-point"] as const;
export const INSTANCES_KEY = ["instances"] as const;

/** The roots of every answer read from the inventory. */
export const INVENTORY_ROOTS = [BACKUPS_ROOT, COVERAGE_ROOT, TIMELINE_ROOT, RESTORE_POINT_ROOT, INSTANCES_KEY] as const;

export type QueryRoot = (typeof INVENTORY_ROOTS)[number];

/** One cached answer: a root and what tells its views apart. */
export function queryKey(root: QueryRoot, ...parts: readonly (string | null)[]): readonly (string | null)[] {
  return [...root, ...parts];
}

/** Whether a cached query holds an answer read from the inventory. */
export function isInventoryQuery(key: readonly unknown[]): boolean {
  return INVENTORY_ROOTS.some((root) => key[0] === root[0]);
}
