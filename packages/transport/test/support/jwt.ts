/** Builds an unsigned-looking JWT with the given claims (the transport never verifies signatures). */
export function makeJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "HS256", typ: "JWT" })}.${part(claims)}.c2lnbmF0dXJl`;
}

/** A token valid for the given number of seconds. */
export function validJwt(seconds = 3600, extra: Record<string, unknown> = {}): string {
  return makeJwt({ ...extra, exp: Math.floor(Date.now() / 1000) + seconds });
}
