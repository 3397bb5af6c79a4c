import { describe, expect, it } from "vitest";
import { protocolSamples } from "../../src/protocol-samples.js";
import { worldFixture } from "./world-fixture.js";

/** The survey of the protocol samples (frozen: the world must copy what it is given, never keep the caller's object). */
const survey = protocolSamples.methods.sendSurvey.request.payload.content as Record<string, unknown>;

describe("sendSurvey and editSurvey", () => {
  it("posts a survey (204) and edits its title, keeping url, appVersion and secret", () => {
    const f = worldFixture();
    const { groupChatId } = f.seeded;
    const sent = f.ok("sendSurvey", { chatId: groupChatId, replyMessageId: null, content: survey });
    expect(Object.keys(sent).sort()).toEqual(["chatId", "messageId", "timestamp"]);
    expect(f.eventsOf("sendMessage").at(-1)).toMatchObject({ type: 204, content: survey });
    const edited = f.ok("editSurvey", {
      messageId: sent.messageId,
      content: {
        path: "oncall_feedback_q1",
        title: "Lunch (closes Friday)",
        description: "{{Anonymous survey}}",
        buttonText: "{{Go to survey}}",
        alt: "x",
      },
    });
    expect(Object.keys(edited).sort()).toEqual(["messageId", "timestamp"]);
    expect(f.ok("getMessageById", { messageId: sent.messageId })).toMatchObject({
      isEdited: true,
      content: { ...survey, title: "Lunch (closes Friday)", description: "{{Anonymous survey}}", alt: "x" },
    });
    // editMessage carries text content only (PROTOCOL.md E2): by default a survey edit is not announced
    expect(f.eventsOf("editMessage")).toEqual([]);
  });

  it("announces a survey edit as editMessage with the survey content only with editSurveyEvent", () => {
    const f = worldFixture({ editSurveyEvent: true });
    const sent = f.ok("sendSurvey", { chatId: f.seeded.groupChatId, content: survey });
    f.ok("editSurvey", { messageId: sent.messageId, content: { title: "Lunch (closes Friday)" } });
    expect(f.eventsOf("editMessage")).toEqual([
      {
        messageId: sent.messageId,
        chatId: f.seeded.groupChatId,
        timestamp: expect.any(Number),
        content: { ...survey, title: "Lunch (closes Friday)" },
      },
    ]);
  });

  it("refuses surveys without url or title (300), editing a non-survey (302), unknown messages (306)", () => {
    const f = worldFixture();
    const { groupChatId } = f.seeded;
    f.fails("sendSurvey", { chatId: groupChatId, content: { title: "x" } }, 300);
    f.fails("sendSurvey", { chatId: groupChatId, content: { url: "u" } }, 300);
    f.fails("sendSurvey", { chatId: groupChatId, content: { ...survey, appVersion: "1" } }, 300);
    f.fails("sendSurvey", { chatId: "nope", content: survey }, 304);
    const text = f.ok("sendMessage", { chatId: groupChatId, content: { text: "plain" } });
    f.fails("editSurvey", { messageId: text.messageId, content: { title: "t" } }, 302);
    f.fails("editSurvey", { messageId: "nope", content: { title: "t" } }, 306);
    f.fails("editSurvey", { messageId: text.messageId }, 300);
  });
});
