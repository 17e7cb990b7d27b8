// How patient emails name a time: server/scheduling/format.ts writes every clinic time.
export { emailWhen } from "@/server/scheduling/format";
