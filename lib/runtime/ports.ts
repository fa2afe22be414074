import net from "node:net";

/** A port the OS says is free right now on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Why the address itself, not the port, cannot be listened on. */
const HOST_PROBLEMS: Record<string, string> = {
  EADDRNOTAVAIL: "is not an address of this machine",
  EINVAL: "is not an address this machine can listen on",
  ENOTFOUND: "is not a known host name or address",
  EAI_AGAIN: "could not be looked up",
  EAI_FAIL: "could not be looked up",
  EAFNOSUPPORT: "is of an address family this machine does not support",
};

/**
 * Resolves when `port` can be bound on `host`; rejects with a message naming what is wrong:
 * PAIRWISE_HOST and its value when the address cannot be used, PORT otherwise.
 */
export function assertPortFree(port: number, host?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", (err: NodeJS.ErrnoException) => {
      const hostProblem = host ? HOST_PROBLEMS[err.code ?? ""] : undefined;
      if (hostProblem) {
        reject(
          new Error(
            `PAIRWISE_HOST "${host}" ${hostProblem}; set it to an address of this machine (such as 127.0.0.1) or leave it unset to listen on all.`,
          ),
        );
        return;
      }
      const why = err.code === "EADDRINUSE" ? "is already in use" : `cannot be opened (${err.code ?? err.message})`;
      reject(new Error(`Port ${port}${host ? ` on ${host}` : ""} ${why}; set PORT to another port.`));
    });
    server.listen(port, host, () => server.close(() => resolve()));
  });
}
