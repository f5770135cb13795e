import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A hop between the app and a test cloud that passes every call on unchanged (the Host header too, so that the
 * signature holds) and may rewrite the JSON of successful answers: what an upstream that changes its records looks
 * like (different text, a backup that is no longer listed). For route tests and browser tests alike.
 */
export interface RewritingProxy {
  url: string;
  /** Answers rewritten so far. */
  rewritten(): number;
  close(): Promise<void>;
}

/** `rewrite` gets the path of each successful JSON answer and its body, and returns the body to send. */
export async function startRewritingProxy(
  target: string,
  rewrite: (path: string, body: Record<string, unknown>) => Record<string, unknown>,
): Promise<RewritingProxy> {
  let rewritten = 0;
  const server = createServer((incoming, outgoing) => {
    const forwarded = httpRequest(
      `${target}${incoming.url}`,
      { method: incoming.method, headers: incoming.headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on("data", (chunk: Buffer) => chunks.push(chunk));
        answer.on("end", () => {
          let body = Buffer.concat(chunks).toString("utf8");
          if (answer.statusCode === 200) {
            body = JSON.stringify(rewrite(new URL(incoming.url ?? "/", target).pathname, JSON.parse(body)));
            rewritten++;
          }
          outgoing.writeHead(answer.statusCode ?? 502, { "Content-Type": "application/json" }).end(body);
        });
      },
    );
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    rewritten: () => rewritten,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
