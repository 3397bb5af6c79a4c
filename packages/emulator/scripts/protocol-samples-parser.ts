/**
 * Reads the project's protocol-samples document (Markdown) into the data of `@tc/emulator/protocol-samples`.
 * The document's layout is the contract: section A holds five JSON blocks (a push, its ack, an error without and
 * with a description, the answer before `auth`); section B the HTTP bodies in order (the token request is the
 * body line of the first `http` block); section C one `### n. \`method\`` heading per client method whose first
 * request frame and first response frame are the sample pair and whose other frames are alternatives; section D
 * every push in order.
 */

type Json = Record<string, unknown>;

/** One fenced block of the document: its language and text. */
interface Block {
  language: string;
  text: string;
}

/** The document split into its `## X.` sections, each holding its `###` subsections with their fenced blocks. */
function sections(markdown: string): Map<string, { heading: string; blocks: Block[] }[]> {
  const result = new Map<string, { heading: string; blocks: Block[] }[]>();
  let section: { heading: string; blocks: Block[] }[] | undefined;
  let fence: Block | undefined;
  for (const line of markdown.split(/\r?\n/)) {
    if (fence !== undefined) {
      if (line.startsWith("```")) {
        section?.at(-1)?.blocks.push(fence);
        fence = undefined;
      } else fence.text += `${line}\n`;
      continue;
    }
    const top = /^## ([A-Z])\. /.exec(line);
    if (top?.[1] !== undefined) {
      section = [{ heading: line, blocks: [] }];
      result.set(top[1], section);
    } else if (line.startsWith("### ")) section?.push({ heading: line, blocks: [] });
    else if (line.startsWith("```")) fence = { language: line.slice(3).trim(), text: "" };
  }
  return result;
}

function parse(text: string, where: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch (error) {
    throw new Error(`protocol samples: ${where} is not JSON (${(error as Error).message})`);
  }
}

function jsonBlocks(blocks: Block[], where: string): Json[] {
  return blocks.filter((block) => block.language === "json").map((block) => parse(block.text, where));
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`protocol samples: ${what} is missing`);
  return value;
}

/** The samples of the document, in the shape of `ProtocolSamples` (not frozen: this is the generator's view). */
export function parseProtocolSamples(markdown: string): {
  basics: Record<string, Json>;
  http: Record<string, Json>;
  methods: Record<string, { request: Json; response: Json; alternatives: Json[] }>;
  events: Json[];
} {
  const all = sections(markdown);
  const part = (letter: string) => required(all.get(letter), `section ${letter}`);

  const a = jsonBlocks(
    part("A").flatMap((sub) => sub.blocks),
    "section A",
  );
  if (a.length !== 5) throw new Error(`protocol samples: section A has ${a.length} JSON blocks, expected 5`);
  const [event, ack, error, errorWithDescription, beforeAuth] = a as [Json, Json, Json, Json, Json];

  const b = part("B").flatMap((sub) => sub.blocks);
  const tokenHttp = required(
    b.find((block) => block.language === "http"),
    "the token request of section B",
  );
  const tokenBody = required(tokenHttp.text.trim().split("\n").at(-1), "the token request body");
  const [tokenResponse, tokenError, serverInfo, connects, uploadResponse, ...extra] = jsonBlocks(
    b,
    "section B",
  );
  if (uploadResponse === undefined || extra.length > 0) {
    throw new Error("protocol samples: section B must hold exactly five JSON blocks");
  }

  const methods: Record<string, { request: Json; response: Json; alternatives: Json[] }> = {};
  for (const sub of part("C").slice(1)) {
    const name = required(/^### \d+\. `(\w+)`/.exec(sub.heading)?.[1], `the method name of "${sub.heading}"`);
    const frames = jsonBlocks(sub.blocks, name);
    const request = required(
      frames.find((frame) => frame.type === 1),
      `the request of ${name}`,
    );
    const response = required(
      frames.find((frame) => frame.type === 2),
      `the response of ${name}`,
    );
    methods[name] = {
      request,
      response,
      alternatives: frames.filter((frame) => frame !== request && frame !== response),
    };
  }

  const events = jsonBlocks(
    part("D").flatMap((sub) => sub.blocks),
    "section D",
  );
  return {
    basics: { event, ack, error, errorWithDescription, beforeAuth },
    http: {
      tokenRequest: parse(tokenBody, "the token request body"),
      tokenResponse: tokenResponse as Json,
      tokenError: tokenError as Json,
      serverInfo: serverInfo as Json,
      connects: connects as Json,
      uploadResponse,
    },
    methods,
    events,
  };
}
