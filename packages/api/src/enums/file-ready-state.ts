/**
 * Whether a file stored on the server can be downloaded (`readyState` on the wire).
 *
 * @example
 * const info = await api.getFileInfo({ fileId });
 * if (info.readyState === FileReadyState.READY) console.log(info.downloadUrl);
 */
export const FileReadyState = {
  NOT_AVAILABLE: 0,
  UPLOADING: 1,
  READY: 2,
} as const;

/** One of the {@link FileReadyState} values. */
export type FileReadyState = (typeof FileReadyState)[keyof typeof FileReadyState];
