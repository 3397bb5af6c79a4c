/**
 * Regenerates protocol-samples.json from the project's protocol-samples document. Run it whenever the document
 * changes (`pnpm samples`, optionally with the document's path); the package's tests fail while the two differ.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { parseProtocolSamples } from "./protocol-samples-parser.js";

/** The document lives in the `shared/` folder next to the repository. */
const defaultSource = new URL("../../../../shared/protocol-samples.md", import.meta.url);
const target = new URL("../src/protocol-samples.json", import.meta.url);

const source = process.argv[2] ?? defaultSource;
const samples = parseProtocolSamples(readFileSync(source, "utf8"));
writeFileSync(target, `${JSON.stringify(samples, null, 2)}\n`);
process.stdout.write(
  `protocol-samples.json: ${Object.keys(samples.methods).length} methods, ${samples.events.length} events\n`,
);
