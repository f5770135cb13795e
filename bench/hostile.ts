import {
  DCS,
  HOSTILE_PROJECTS,
  type HostileAnswer,
  hostileAnswers,
  saneDcs,
  startHostileDcs,
} from "../lib/testing/hostile";
import { type MemoryDuring, measureMemory } from "./export";
import { type AppServer, startAppWith } from "./server";
import { median } from "./stats";

/**
 * Scenario 6: the production server against a hostile upstream (lib/testing/hostile.ts), one of whose two DCS
 * projects answers its instance list with 600 MiB bodies (streamed, and announced in Content-Length) and a total of
 * 999,999,999,999,999. The server's memory while it is answered so, whether each such request failed that source
 * with its clear error, and whether the request after each succeeded. Cheap: a few seconds.
 */

const MiB = 2 ** 20;
const BODY_BYTES = 600 * MiB;
const ROUNDS = 5;

const ATTACKS: Array<{ name: string; answer: HostileAnswer; code: string }> = [
  { name: "600 MiB body, streamed", answer: hostileAnswers.hugeBody(BODY_BYTES), code: "response_too_large" },
  {
    name: "600 MiB body, announced",
    answer: hostileAnswers.hugeBody(BODY_BYTES, { declared: true }),
    code: "response_too_large",
  },
  {
    name: "total of 999,999,999,999,999",
    answer: hostileAnswers.json(DCS.instanceList([DCS.instance("only-one")], 999_999_999_999_999)),
    code: "invalid_response",
  },
];

export interface HostileResult extends MemoryDuring {
  rounds: number;
  /** Bytes of body the upstream offered over all the attacks. */
  bytesOffered: number;
  /** Bytes it managed to send before the server hung up. */
  bytesSent: number;
  /** Hostile answers, and how many of them failed their source with the expected error (the other source ok). */
  attacks: number;
  failedAsExpected: number;
  /** Requests made right after an attack, once the upstream behaved, and how many of them did not succeed. */
  recoveries: number;
  failedRecoveries: number;
  /** The server process still running and answering at the end. */
  serverUp: boolean;
  /** Wall time of one request answered a 600 MiB body (median over the rounds, streamed). */
  hugeBodyRequestMs: number;
}

interface SourceState {
  projectId: string;
  ok: boolean;
  error: { code: string } | null;
}

async function instanceSources(app: AppServer): Promise<SourceState[]> {
  const response = await fetch(`${app.url}/api/instances?refresh=1`);
  if (response.status !== 200) return [];
  return ((await response.json()) as { sources: SourceState[] }).sources;
}

const sourceOf = (sources: SourceState[], key: keyof typeof HOSTILE_PROJECTS) =>
  sources.find((source) => source.projectId === HOSTILE_PROJECTS[key].projectId);

export async function hostileUpstream(): Promise<HostileResult> {
  const upstream = await startHostileDcs();
  try {
    const app = await startAppWith(upstream.env);
    try {
      // Warm the fetch path, as a server that has been running has it.
      for (let i = 0; i < 3; i++) await instanceSources(app);
      let failedAsExpected = 0;
      let failedRecoveries = 0;
      const hugeBodyMs: number[] = [];
      const memory = await measureMemory(app, async () => {
        for (let round = 0; round < ROUNDS; round++)
          for (const attack of ATTACKS) {
            upstream.bad = () => attack.answer;
            const started = performance.now();
            const attacked = await instanceSources(app);
            if (attack === ATTACKS[0]) hugeBodyMs.push(performance.now() - started);
            if (sourceOf(attacked, "good")?.ok && sourceOf(attacked, "bad")?.error?.code === attack.code)
              failedAsExpected++;
            upstream.bad = saneDcs;
            const after = await instanceSources(app);
            if (!(sourceOf(after, "good")?.ok && sourceOf(after, "bad")?.ok)) failedRecoveries++;
          }
      });
      const bodies = ATTACKS.filter((attack) => attack.code === "response_too_large").length;
      const answers = await fetch(`${app.url}/api/health`).then(
        (response) => response.ok,
        () => false,
      );
      const { result: _none, ...measured } = memory;
      return {
        ...measured,
        rounds: ROUNDS,
        bytesOffered: ROUNDS * bodies * BODY_BYTES,
        bytesSent: upstream.bytesSent(),
        attacks: ROUNDS * ATTACKS.length,
        failedAsExpected,
        recoveries: ROUNDS * ATTACKS.length,
        failedRecoveries,
        serverUp: answers,
        hugeBodyRequestMs: median(hugeBodyMs),
      };
    } finally {
      await app.stop();
    }
  } finally {
    await upstream.close();
  }
}
