/**
 * Whether a survey is anonymous. The values are the literal `description` strings the server expects.
 *
 * @example
 * await api.sendSurvey({ chatId, title: "Lunch?", surveyCampaignId: "lunch", surveyType: SurveyType.ANONYMOUS });
 */
export const SurveyType = {
  NON_ANONYMOUS: "{{Survey}}",
  ANONYMOUS: "{{Anonymous survey}}",
} as const;

/** One of the {@link SurveyType} values. */
export type SurveyType = (typeof SurveyType)[keyof typeof SurveyType];
