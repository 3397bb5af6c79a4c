import { createHash, randomBytes } from "node:crypto";
import type { SurveyType } from "./enums/survey-type.js";

/** The survey page of a server (always https, no port, as the server's own clients build it). */
function surveyUrl(host: string): string {
  return `https://${host}/webtools/survey`;
}

/**
 * The `content` of `editSurvey`, and the part `sendSurvey` shares with it. The fallback `alt` is HTML shown by
 * clients that cannot open surveys; the title is escaped there (the Python SDK inserts it raw).
 */
export function surveyEditContent(host: string, title: string, campaignId: string, surveyType: SurveyType) {
  const link = `${surveyUrl(host)}?id=${encodeURIComponent(campaignId)}&error=autologin_not_supported`;
  return {
    path: campaignId,
    title,
    description: surveyType,
    buttonText: "{{Go to survey}}",
    alt: `📊 <a href='${link}'>${escapeHtml(title)}</a>`,
  };
}

/** The `content` of `sendSurvey`: the edit content plus `url`, `appVersion` and a fresh `secret`. */
export function surveySendContent(host: string, title: string, campaignId: string, surveyType: SurveyType) {
  // A fresh 40-hex secret per send, derived like the server's own clients do (SHA-1 of title + random salt).
  const secret = createHash("sha1")
    .update(title + randomBytes(8).toString("hex"))
    .digest("hex");
  return {
    url: surveyUrl(host),
    appVersion: 1,
    secret,
    ...surveyEditContent(host, title, campaignId, surveyType),
  };
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/'/g, "&#39;")
    .replace(/"/g, "&quot;");
}
