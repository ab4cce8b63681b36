/** A client of the gateway's server-sent event stream, as the console holds one. */
export interface Client {
  status: number;
  /** Parsed SSE blocks received so far. */
  events: { event: string; data: Record<string, unknown> }[];
  changes(): Record<string, unknown>[];
  close(): void;
}

/** Opens the stream at `url` with a bearer token and parses its blocks as they arrive. */
export async function openStream(url: string, token: string): Promise<Client> {
  const abort = new AbortController();
  const res = await fetch(url, {
    headers: { authorization: `Bearer ${token}` },
    signal: abort.signal,
  });
  const client: Client = {
    status: res.status,
    events: [],
    changes: () => client.events.filter((e) => e.event === 'change').map((e) => e.data),
    close: () => abort.abort(),
  };
  if (res.status !== 200) {
    await res.arrayBuffer();
    return client;
  }
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  void (async () => {
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const name = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (name && data) client.events.push({ event: name, data: JSON.parse(data) });
        }
      }
    } catch {
      /* aborted */
    }
  })();
  return client;
}
