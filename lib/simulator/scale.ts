import "server-only";

/**
 * How big the simulated account is: its instances (half TaurusDB, 30 % RDS, 20 % DCS) and the days its backups
 * are kept. TaurusDB and RDS MySQL/PostgreSQL instances make a log backup every 5 minutes, 288 a day, so the days
 * weigh as much as the instances. `real` is the account the dashboard is built for; `small` is for tests and a
 * quick look; `millions` is for measuring the store and the sync at volume.
 */
/** A scale: its instances, its days, and about how many backups the lists hold with them. */
interface Scale {
  instances: number;
  days: number;
  backups: number;
}

export const SCALES = {
  /** 20 TaurusDB, 12 RDS, 8 DCS instances. */
  small: { instances: 40, days: 2, backups: 15_000 },
  /** 100 TaurusDB, 60 RDS, 40 DCS instances. */
  real: { instances: 200, days: 7, backups: 265_000 },
  /** 500 TaurusDB, 300 RDS, 200 DCS instances. */
  millions: { instances: 1000, days: 30, backups: 5_600_000 },
} as const satisfies Record<string, Scale>;

export type ScaleName = keyof typeof SCALES;
export const SCALE_NAMES = Object.keys(SCALES) as ScaleName[];
export const DEFAULT_SCALE: ScaleName = "real";

/** A scale's instances and days, either replaced when given. */
export function resolveScale(
  scale: ScaleName | undefined,
  overrides: { instances?: number; days?: number },
): { instances: number; days: number } {
  const preset = SCALES[scale ?? DEFAULT_SCALE];
  return { instances: overrides.instances ?? preset.instances, days: overrides.days ?? preset.days };
}
