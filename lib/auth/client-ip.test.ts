import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { clientIp } from "./client-ip";
import { installPeerAddressHeader, PEER_HEADER } from "./peer-address";

const headers = (peer: string, forwarded?: string) =>
  new Headers({ [PEER_HEADER]: peer, ...(forwarded === undefined ? {} : { "x-forwarded-for": forwarded }) });

describe("client address for sign-in limits", () => {
  it("ignores X-Forwarded-For from a peer that is not a trusted proxy", () => {
    expect(clientIp(headers("203.0.113.5", "10.0.0.1"), [])).toBe("203.0.113.5");
    expect(clientIp(headers("::ffff:203.0.113.5", "10.0.0.1"), ["10.0.0.0/8"])).toBe("203.0.113.5");
  });

  it("behind trusted proxies, takes the nearest address that is not one of them", () => {
    const trusted = ["10.0.0.0/8", "192.0.2.1", "2001:db8::/32"];
    expect(clientIp(headers("10.1.2.3", "198.51.100.4"), trusted)).toBe("198.51.100.4");
    // A client's own X-Forwarded-For is kept by the proxy on the left: it cannot pick its address.
    expect(clientIp(headers("192.0.2.1", "1.2.3.4, 198.51.100.4, 10.0.0.9"), trusted)).toBe("198.51.100.4");
    expect(clientIp(headers("2001:db8::1", "2001:db8::2, 2001:db9::7"), trusted)).toBe("2001:db9::7");
    expect(clientIp(headers("10.1.2.3"), trusted)).toBe("10.1.2.3");
  });

  it("records the TCP peer in a header no client can set", async () => {
    installPeerAddressHeader();
    const server = http.createServer((req, res) => res.end(String(req.headers[PEER_HEADER])));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/`, {
        headers: { [PEER_HEADER]: "198.51.100.66", "x-forwarded-for": "198.51.100.66" },
      });
      expect(await res.text()).toBe("127.0.0.1");
    } finally {
      server.close();
    }
  });
});
