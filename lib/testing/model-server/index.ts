export { startModelServer } from "./server";
export { instanceFromSchema, type JsonSchema } from "./json-schema";
export { messageText } from "./text";
export type {
  ChatMessage,
  AttemptRecord,
  FaultKind,
  FaultRates,
  ModelServer,
  ModelServerOptions,
  ModelServerStats,
  ParsedChatRequest,
  ResponseFormat,
  StructuredSupport,
} from "./types";
