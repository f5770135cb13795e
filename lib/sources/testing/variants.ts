import { readFixture } from "./fake-cloud";

/**
 * A record of an official response model (the SDKs' models, `fixtures/models-*.json`: every field the model has)
 * in the three forms real answers take: every field present, every optional field JSON `null`, every optional
 * field left out. `required` are the fields a row cannot exist without, kept in all three.
 */
export interface ModelVariants {
  present: Record<string, unknown>;
  nulls: Record<string, unknown>;
  absent: Record<string, unknown>;
}

export function modelVariants(fixture: string, model: string, required: readonly string[]): ModelVariants {
  const models = readFixture(fixture) as Record<string, Record<string, unknown>>;
  const present = models[model];
  if (!present) throw new Error(`${fixture} has no ${model}`);
  const missing = required.filter((key) => !(key in present));
  if (missing.length > 0) throw new Error(`${model} lacks its required ${missing.join(", ")}`);
  const entries = Object.entries(present);
  return {
    present,
    nulls: Object.fromEntries(entries.map(([key, value]) => [key, required.includes(key) ? value : null])),
    absent: Object.fromEntries(entries.filter(([key]) => required.includes(key))),
  };
}
