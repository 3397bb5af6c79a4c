/** Placeholder until the package is built. */
export const placeholder = true;
