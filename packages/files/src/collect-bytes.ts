/**
 * Reads a body into one buffer, refusing to hold more than `maxBytes`: as soon as the count passes
 * the cap, reading stops and `tooLarge(bytesSeen)` is thrown.
 */
export async function collectBytes(
  body: AsyncIterable<Uint8Array>,
  maxBytes: number,
  onChunk: (receivedBytes: number) => void,
  tooLarge: (bytesSeen: number) => Error,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let received = 0;
  for await (const chunk of body) {
    received += chunk.byteLength;
    if (received > maxBytes) throw tooLarge(received);
    chunks.push(chunk);
    onChunk(received);
  }
  return chunks.length === 1 ? (chunks[0] as Uint8Array) : Buffer.concat(chunks, received);
}
