/** The key of a questionnaire request's email: one email per request. */
export const outcomeMessageKey = (requestId: string) => `outcome:${requestId}`;
