import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, it } from "vitest";
import { PEER_ADDRESS_HEADER, peerAddress, stampPeerAddresses } from "./peer";

it("stamps each request with its socket's address, overwriting what the client sent", async () => {
  expect(peerAddress(new Headers({ [PEER_ADDRESS_HEADER]: "10.0.0.1" }))).toBeNull();
  stampPeerAddresses();
  stampPeerAddresses();
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((request, response) => {
    seen.push(request.headers);
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const { port } = server.address() as AddressInfo;
    await fetch(`http://127.0.0.1:${port}/`, { headers: { [PEER_ADDRESS_HEADER]: "10.0.0.1" } });
    await fetch(`http://127.0.0.1:${port}/`);
  } finally {
    server.close();
  }
  expect(seen.map((headers) => headers[PEER_ADDRESS_HEADER])).toEqual(["127.0.0.1", "127.0.0.1"]);
  expect(peerAddress(new Headers({ [PEER_ADDRESS_HEADER]: "127.0.0.1" }))).toBe("127.0.0.1");
  expect(peerAddress(new Headers())).toBeNull();
});
