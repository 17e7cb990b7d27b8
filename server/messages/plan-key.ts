/** The key of the plan email of one program version: one message per version, however often it is assigned. */
export const planMessageKey = (programId: string, version: number) => `plan:${programId}:v${version}`;
