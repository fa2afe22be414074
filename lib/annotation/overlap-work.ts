import { judgeDecidesSql } from "@/lib/projects/modes";

/**
 * Whether pair `p` of project `pr` is work annotators do towards the project's overlap (votes per
 * pair): in projects the judge decides, only the pairs it sent to people; never gold pairs, which
 * each annotator answers once as they are served and which have no overlap to reach. The queue
 * (./queue.ts) serves these; progress, reservations and the dashboard's remaining work count them.
 */
export const overlapWorkSql = (p = "p", pr = "pr") =>
  `(NOT ${judgeDecidesSql(`${pr}."evaluationMode"`)} OR ${p}."reviewReason" IS NOT NULL) AND ${p}."goldLabel" IS NULL`;
