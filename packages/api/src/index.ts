// The layers below, so that one import serves a bot author: every error a bot handles comes from here.
// The option checks, so that the layers above (the router) refuse bad options with the same words.
export {
  checkOptions,
  describeValue,
  InvalidArgumentError,
  invalidOption,
  LimitExceededError,
  requireBoolean,
  requireDuration,
  requireInteger,
  TrueConfChatBotError,
} from "@tc/core";
export {
  DownloadError,
  FileSizeTooLargeError,
  FileValidationError,
  InvalidFileExtensionError,
  UploadError,
} from "@tc/files";
export { FormatNode, ParseMode } from "@tc/format";
export {
  ApiErrorException,
  ClientStoppedError,
  ConnectionFailedError,
  ConnectionLostError,
  describeErrorCode,
  ErrorCode,
  errorCodeDescriptions,
  InvalidGrantError,
  type Logger,
  RequestAbortedError,
  type RequestOptions,
  RequestTimeoutError,
  TokenRequestError,
  TokenValidationError,
} from "@tc/transport";
export {
  Api,
  type ApiEventListener,
  type ApiOptions,
  type ApiRequester,
  type GetChatByIdResponse,
  type GetChatHistoryResponse,
} from "./api.js";
export type { ApiCall, ApiTransformer } from "./api-transformer.js";
export { type AutoRetryOptions, autoRetry } from "./auto-retry.js";
export type { CallOptions } from "./call-options.js";
export { ChatParticipantRole } from "./enums/chat-participant-role.js";
export { ChatType } from "./enums/chat-type.js";
export { EnvelopeAuthorType } from "./enums/envelope-author-type.js";
export { FileReadyState } from "./enums/file-ready-state.js";
export { IncomingUpdateMethod } from "./enums/incoming-update-method.js";
export { MessageType, type SystemMessageType } from "./enums/message-type.js";
export { SurveyType } from "./enums/survey-type.js";
export { UpdateType } from "./enums/update-type.js";
export { FileNotAvailableError, FileNotReadyError } from "./errors/file-availability-errors.js";
export { ResponseValidationError } from "./errors/response-validation-error.js";
export { ServerInfoUnavailableError, UnsupportedServerVersionError } from "./errors/server-info-errors.js";
export { FileCaptionTooLongError, TextMessageTooLongError } from "./errors/text-too-long-errors.js";
export {
  ChannelTitleTooLongError,
  ChatTitleTooLongError,
  GroupTitleTooLongError,
} from "./errors/title-too-long-errors.js";
export { ApiEvent, type PushOrigin } from "./events/api-event.js";
export { Attachment, Audio, Document, Photo, Sticker, Video } from "./events/attachments.js";
export {
  CreatedChannel,
  CreatedChat,
  CreatedFavoritesChat,
  CreatedGroupChat,
  CreatedPersonalChat,
} from "./events/chat-created-events.js";
export { ClearedChatHistory, EditedChatAvatar, EditedChatTitle, RemovedChat } from "./events/chat-events.js";
export { ChangedFileUploadLimits, UploadingProgress } from "./events/file-events.js";
export {
  type AnswerDocumentOptions,
  type AnswerOptions,
  type AnswerPhotoOptions,
  Message,
} from "./events/message.js";
export { EditedMessage, RemovedMessage } from "./events/message-events.js";
export {
  AddedChatParticipant,
  ChangedParticipantRole,
  RemovedChatParticipant,
} from "./events/participant-events.js";
export { type OtherMethod, type RawUpdate, Update, type UpdateDetails } from "./events/update.js";
export type {
  AddParticipantToChatOptions,
  ChangeParticipantRoleOptions,
  ClearChatHistoryOptions,
  CreateChannelOptions,
  CreateFavoritesChatOptions,
  CreateGroupChatOptions,
  CreatePersonalChatOptions,
  DeleteChatOptions,
  DownloadOptions,
  DownloadToFileOptions,
  EditChatAvatarOptions,
  EditChatTitleOptions,
  EditMessageOptions,
  EditSurveyOptions,
  ForwardMessageOptions,
  GetChatByIdOptions,
  GetChatHistoryOptions,
  GetChatParticipantOptions,
  GetChatParticipantsOptions,
  GetChatsOptions,
  GetFileInfoOptions,
  GetFileInfoUploadLimitsOptions,
  GetMessageByIdOptions,
  GetUserDisplayNameOptions,
  HasChatParticipantOptions,
  MessageText,
  RemoveMessageOptions,
  RemoveParticipantFromChatOptions,
  ReplyMessageOptions,
  SendDocumentOptions,
  SendMessageOptions,
  SendPhotoOptions,
  SendStickerOptions,
  SendSurveyOptions,
  SubscribeFileProgressOptions,
  UnsubscribeFileProgressOptions,
} from "./method-options.js";
export { type Rate, type RateLimiterOptions, rateLimiter } from "./rate-limiter.js";
export { readOnlyMethods } from "./read-only-methods.js";
export type { Chat } from "./schemas/chat.js";
export type { EnvelopeAuthor, EnvelopeBox } from "./schemas/common.js";
export type { LastMessage } from "./schemas/envelope.js";
export type {
  AttachmentContent,
  ForwardedContent,
  LocationContent,
  MessageContent,
  MessageEnvelope,
  SurveyContent,
  SystemContent,
  TextContent,
  UnknownContent,
} from "./schemas/message-content.js";
export type {
  CreateChatResponse,
  EditChatTitleResponse,
  EditMessageResponse,
  EditSurveyResponse,
  EmptyResponse,
  FilePreview,
  ForwardMessageResponse,
  GetChatParticipantResponse,
  GetChatParticipantsResponse,
  GetChatsResponse,
  GetFileInfoResponse,
  GetFileUploadLimitsResponse,
  GetUserDisplayNameResponse,
  ResultResponse,
  SendFileResponse,
  SendMessageResponse,
  SendSurveyResponse,
} from "./schemas/responses.js";
export type { IncomingEvent, IncomingEventMap, IncomingMethod } from "./update-parser.js";
export { sameUserId } from "./user-id.js";
