import "server-only";
import { CSV_CONTENT_TYPE } from "../csv";
import type { Source } from "../inventory/model";

/** The HTTP answer of a CSV export (docs/api.md). */

/** A CSV export ready to send: its rows, its download name and the sources it was built from. */
export interface CsvDownload {
  filename: string;
  /** Streamed, or whole when small (coverage has one row per instance). */
  body: ReadableStream<Uint8Array> | string;
  sources: readonly Source[];
}

const utf8 = new TextEncoder();

/**
 * Text fit for a header value whatever it holds (an upstream's error code may hold CR, LF or any character):
 * printable ASCII as is; `%`, `,` (the list separator) and everything else percent-encoded as UTF-8.
 */
export function headerText(text: string): string {
  return text.replace(/[^\x20-\x7e]|[%,]/gu, (char) =>
    Array.from(utf8.encode(char), (byte) => `%${byte.toString(16).toUpperCase().padStart(2, "0")}`).join(""),
  );
}

/**
 * The download response of an export. A CSV has no room for source status, so the sources whose last sync failed
 * (their rows may be out of date or missing) are named in `X-Incomplete-Sources` (`service/region/project: code`,
 * each part through headerText), absent when every source's last sync succeeded.
 */
export function csvResponse(csv: CsvDownload): Response {
  const failed = csv.sources
    .filter((source) => !source.ok)
    .map((source) =>
      headerText(`${source.service}/${source.region}/${source.projectId}: ${source.error?.code ?? "error"}`),
    );
  return new Response(csv.body, {
    headers: {
      "Content-Type": CSV_CONTENT_TYPE,
      "Content-Disposition": `attachment; filename="${csv.filename}"`,
      "Cache-Control": "no-store",
      ...(failed.length > 0 ? { "X-Incomplete-Sources": failed.join(", ") } : {}),
    },
  });
}
