/** Backup sizes in bytes, whatever unit a service reports them in (binary units: KB = 1024 B, MB = 1024 KB). */

export const BYTES_PER_KB = 1024;
export const BYTES_PER_MB = 1024 * BYTES_PER_KB;

const BYTES_PER_UNIT: Record<string, number> = {
  B: 1,
  KB: BYTES_PER_KB,
  MB: BYTES_PER_MB,
  GB: 1024 * BYTES_PER_MB,
  TB: 1024 * 1024 * BYTES_PER_MB,
};

/** `size` in `unit`, as a whole number of bytes (fractional KB such as 0.109375 round to the nearest byte). */
export function toBytes(size: number, bytesPerUnit: number): number {
  return Math.round(size * bytesPerUnit);
}

/** Bytes per unit for a `size_unit` such as `KB` (case-insensitive); undefined for an unknown unit. */
export function bytesPerUnit(unit: string): number | undefined {
  return BYTES_PER_UNIT[unit.trim().toUpperCase()];
}
