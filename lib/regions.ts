/**
 * The regions where TaurusDB, RDS or DCS have an official endpoint, from the official SDKs' region tables (see
 * docs/cloud-apis.md). A configured region outside this list is most likely a typo; the configuration names the
 * nearest one.
 */
export const KNOWN_REGIONS: readonly string[] = [
  "af-south-1",
  "ae-ad-1",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-southeast-5",
  "cn-east-2",
  "cn-east-3",
  "cn-east-4",
  "cn-east-5",
  "cn-north-1",
  "cn-north-2",
  "cn-north-4",
  "cn-north-9",
  "cn-north-11",
  "cn-north-12",
  "cn-south-1",
  "cn-south-2",
  "cn-south-4",
  "cn-southwest-2",
  "eu-west-0",
  "eu-west-101",
  "la-north-2",
  "la-south-2",
  "me-east-1",
  "my-kualalumpur-1",
  "na-mexico-1",
  "ru-moscow-1",
  "ru-northwest-2",
  "sa-brazil-1",
  "tr-west-1",
];

const KNOWN = new Set(KNOWN_REGIONS);

export function isKnownRegion(region: string): boolean {
  return KNOWN.has(region);
}

/** Edits (insert, delete, replace one character) that turn `a` into `b`. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

/** The known region fewest edits away from `region` (the first of the list on a tie). */
export function nearestRegion(region: string): string {
  const name = region.toLowerCase();
  let best = KNOWN_REGIONS[0];
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const known of KNOWN_REGIONS) {
    const distance = editDistance(name, known);
    if (distance < bestDistance) [best, bestDistance] = [known, distance];
  }
  return best;
}
