interface ProtocolLike {
  oninitialized?: () => void;
}

/** Runs `start` once the client sent notifications/initialized (after whatever ran there before). */
export function afterInitialized(server: { server: unknown }, start: () => void): void {
  const protocol = server.server as ProtocolLike;
  const previous = protocol.oninitialized;
  protocol.oninitialized = () => {
    previous?.();
    start();
  };
}
