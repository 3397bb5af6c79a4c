/** One MiB of varied bytes, yielded again and again: a large stream that costs no memory to make. */
const block = Buffer.alloc(1024 * 1024);
for (let i = 0; i < block.length; i++) block[i] = (i * 31 + (i >>> 11)) & 0xff;

/** Yields exactly `total` bytes in 1 MiB chunks (the last one shorter). */
export function* generatedBytes(total: number): Generator<Buffer> {
  for (let sent = 0; sent < total; sent += block.length) {
    yield block.subarray(0, Math.min(block.length, total - sent));
  }
}
