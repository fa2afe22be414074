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

/** Resolves when `port` can be bound on `host`; rejects with a message naming the port otherwise. */
export function assertPortFree(port: number, host?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", (err: NodeJS.ErrnoException) => {
      const why = err.code === "EADDRINUSE" ? "is already in use" : `cannot be opened (${err.code ?? err.message})`;
      reject(new Error(`Port ${port} ${why}; set PORT to another port.`));
    });
    server.listen(port, host, () => server.close(() => resolve()));
  });
}
