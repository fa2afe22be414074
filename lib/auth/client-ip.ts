import "server-only";
import { BlockList, isIP } from "node:net";
import { getServerEnv } from "@/lib/env";
import { PEER_HEADER } from "./peer-address";

type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined;

function header(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const raw = headers?.[name];
  return Array.isArray(raw) ? raw.join(",") : raw;
}

/** "::ffff:10.0.0.1" (IPv4 on a dual-stack socket) is 10.0.0.1. */
function normalize(address: string): string {
  const trimmed = address.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped ? mapped[1]! : trimmed;
}

function blockList(entries: string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.split("/");
    const type = isIP(address!) === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(address!, type);
    else list.addSubnet(address!, Number(bits), type);
  }
  return list;
}

function contains(list: BlockList, address: string): boolean {
  const version = isIP(address);
  return version !== 0 && list.check(address, version === 6 ? "ipv6" : "ipv4");
}

/**
 * The client address for per-address limits. It is the TCP peer (recorded by peer-address.ts
 * where no client can set it), unless that peer is a trusted reverse proxy: then X-Forwarded-For
 * is read from the right, past every trusted proxy, so a client cannot pick its own address by
 * sending the header itself.
 */
export function clientIp(headers: HeaderSource, trustedProxies: string[] = getServerEnv().TRUSTED_PROXIES): string {
  const peer = normalize(header(headers, PEER_HEADER) ?? "");
  if (!peer) return "unknown";
  const trusted = blockList(trustedProxies);
  if (!contains(trusted, peer)) return peer;
  const hops = (header(headers, "x-forwarded-for") ?? "").split(",").map(normalize).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!contains(trusted, hops[i]!)) return hops[i]!;
  }
  return hops[0] ?? peer;
}
