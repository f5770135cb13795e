/**
 * Axis ticks of the sizes chart, chosen so that no two labels read alike: sizes at round binary steps from zero,
 * times at local midnights (or, within two days, at whole hours). The chart library's own ticks are round
 * decimal numbers, which a size or day format can print twice ("1.00 GB", "1.00 GB"; "Nov 20", "Nov 20").
 */

const NICE_STEPS = [1, 2, 2.5, 5, 10];

/** Round sizes from 0 past `max`, at most `count` steps, each step a round number of B, KB, MB...: bytes. */
export function sizeTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0];
  let unit = 1;
  while (max / unit >= 1024) unit *= 1024;
  const rough = max / unit / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const multiple = NICE_STEPS.find((step) => step * magnitude >= rough) ?? 10;
  // Whole bytes at least: a fraction of a byte would print as the byte beside it.
  const step = Math.max(multiple * magnitude * unit, 1);
  const ticks: number[] = [];
  for (let tick = 0; ticks.length === 0 || ticks[ticks.length - 1] < max; tick += step) ticks.push(tick);
  return ticks;
}

export interface TimeTicks {
  ticks: number[];
  /** What a label must show to tell the ticks apart: the day, the time of day, or both (hours across days). */
  unit: "day" | "time" | "dayTime";
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const HOUR_STEPS = [1, 2, 3, 6, 12, 24];
const DAY_STEPS = [1, 2, 7, 14, 28, 56, 91, 182, 364];

/** The first of `steps` (in `unit` ms) that puts at most `count` ticks on `span`, else a step that does. */
function stepFor(span: number, unit: number, steps: readonly number[], count: number): number {
  const fits = (step: number) => span / (step * unit) <= count - 1;
  return steps.find(fits) ?? Math.ceil(span / unit / (count - 1));
}

/**
 * Ticks between `min` and `max` (epoch ms), at most `count`: local midnights (in the runtime's time zone, the
 * browser's) every 1, 2, 7... days, or whole hours when the span is under two days.
 */
export function timeTicks(min: number, max: number, count = 7): TimeTicks {
  if (max - min < 2 * DAY_MS) {
    const hours = stepFor(max - min, HOUR_MS, HOUR_STEPS, count);
    const first = new Date(min);
    first.setMinutes(0, 0, 0);
    // A local time a whole number of steps into the day (a zone's offset may not be whole hours).
    while (first.getTime() < min || first.getHours() % hours !== 0) first.setHours(first.getHours() + 1);
    const ticks: number[] = [];
    for (const at = first; at.getTime() <= max; at.setHours(at.getHours() + hours)) ticks.push(at.getTime());
    const oneDay = ticks.length < 2 || new Date(ticks[0]).toDateString() === new Date(ticks.at(-1) ?? 0).toDateString();
    return { ticks, unit: oneDay ? "time" : "dayTime" };
  }
  const days = stepFor(max - min, DAY_MS, DAY_STEPS, count);
  const first = new Date(min);
  first.setHours(0, 0, 0, 0);
  if (first.getTime() < min) first.setDate(first.getDate() + 1);
  const ticks: number[] = [];
  // By calendar days, not 24-hour steps: a day around a DST change is 23 or 25 hours long.
  for (const at = first; at.getTime() <= max; at.setDate(at.getDate() + days)) ticks.push(at.getTime());
  return { ticks, unit: "day" };
}
