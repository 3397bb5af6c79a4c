import { AuthorType, type MessageRecord, MessageType } from "./envelopes.js";
import { replaceContent, requirePostTarget } from "./message-methods.js";
import type { MethodTable } from "./method-table.js";
import { PayloadReader } from "./payload-reader.js";
import type { WorldCore } from "./world-core.js";

/** The content of a SURVEY (204) message; `url` and `title` are required, the rest optional. */
export interface SurveyContent {
  url: string;
  title: string;
  appVersion?: number;
  path?: string;
  description?: string;
  buttonText?: string;
  secret?: string;
  alt?: string;
}

/** The optional string keys of survey content, also the keys `editSurvey` may change (with `title`). */
const optionalTextKeys = ["path", "description", "buttonText", "secret", "alt"] as const;

/**
 * Read survey content; `url` is required for a new survey and never changed by an edit (nor are `appVersion`
 * and `secret`, which `editSurvey` does not carry).
 */
function readSurvey(input: PayloadReader, forEdit: boolean): Partial<SurveyContent> {
  const content: Partial<SurveyContent> = { title: input.string("title") };
  if (!forEdit) {
    content.url = input.string("url");
    if (input.has("appVersion")) content.appVersion = input.number("appVersion");
  }
  for (const key of optionalTextKeys) {
    if (forEdit && key === "secret") continue;
    if (input.has(key)) content[key] = input.text(key);
  }
  return content;
}

/** Post a survey (204). */
export function sendSurvey(
  core: WorldCore,
  actor: string,
  input: { chatId: string; content: SurveyContent; replyMessageId?: string | undefined },
): MessageRecord {
  const content = readSurvey(PayloadReader.from(input.content, "content"), false);
  const chat = requirePostTarget(core, actor, input.chatId, input.replyMessageId);
  return core.post(chat, {
    author: { id: actor, type: AuthorType.USER },
    type: MessageType.SURVEY,
    content: { ...content },
    replyMessageId: input.replyMessageId,
  });
}

/** Wire methods of this area. */
export const surveyMethods: MethodTable = {
  sendSurvey(core, caller, input) {
    const message = sendSurvey(core, caller, {
      chatId: input.string("chatId"),
      content: readSurvey(input.object("content"), false) as SurveyContent,
      replyMessageId: input.optionalString("replyMessageId"),
    });
    return { chatId: message.chatId, messageId: message.messageId, timestamp: message.timestamp };
  },
  editSurvey(core, caller, input) {
    const update = readSurvey(input.object("content"), true);
    // The editMessage event carries text content only (PROTOCOL.md E2): survey content there is an option.
    const { message, timestamp } = replaceContent(
      core,
      caller,
      input.string("messageId"),
      MessageType.SURVEY,
      (old) => ({ ...old, ...update }),
      core.options.editSurveyEvent,
    );
    return { messageId: message.messageId, timestamp };
  },
};
