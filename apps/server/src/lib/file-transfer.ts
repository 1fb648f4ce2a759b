import type { MultipartFile } from "@fastify/multipart";
import type { FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../errors";

/**
 * Files in and out of the API: the one file of a multipart upload (field `file`) and a download with a
 * Chinese file name (Content-Disposition per RFC 5987, with an ASCII fallback name).
 */

/** Content-Disposition for a download with a Chinese name (RFC 5987, ASCII fallback). */
export function attachmentHeader(filename: string, asciiFallback: string): string {
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export interface UploadRules {
  /** The size limit of this upload; without it the app-wide multipart limit applies. */
  readonly maxBytes?: number;
  /** 400 when the request carries no file, e.g. "请选择要上传的文件". */
  readonly missing: string;
  /** 413 when the file is over the limit, e.g. "佐证文件不能超过 10 MB". */
  readonly tooLarge: string;
}

/**
 * Reads the one uploaded file: 400 VALIDATION (field "file") when the request is not multipart or
 * holds no file, 413 TOO_LARGE when the file is over the limit.
 */
export async function readUpload(
  request: FastifyRequest,
  rules: UploadRules,
): Promise<{ filename: string; data: Buffer }> {
  if (!request.isMultipart())
    throw new AppError(400, "VALIDATION", "请以 multipart/form-data 上传文件", "file");
  try {
    // The type import of @fastify/multipart also brings its request methods into any program using this.
    const part: MultipartFile | undefined = await (rules.maxBytes === undefined
      ? request.file()
      : request.file({ limits: { fileSize: rules.maxBytes, files: 1 } }));
    if (!part) throw new AppError(400, "VALIDATION", rules.missing, "file");
    return { filename: part.filename, data: await part.toBuffer() };
  } catch (e) {
    if (e instanceof AppError) throw e;
    const { code, statusCode } = e as { code?: string; statusCode?: number };
    if (code === "FST_REQ_FILE_TOO_LARGE") throw new AppError(413, "TOO_LARGE", rules.tooLarge, "file");
    if (statusCode === 413) throw e;
    // A broken multipart body (no boundary, truncated part, bad header) is the sender's error, not ours.
    throw new AppError(
      400,
      "VALIDATION",
      "上传内容格式有误（multipart 请求不完整或已损坏），请重新选择文件上传",
      "file",
    );
  }
}

/** Sends a stored file (its own media type) as a download under its own name. */
export function sendStoredFile(
  reply: FastifyReply,
  file: { mime: string; filename: string; content: Buffer },
  asciiFallback: string,
) {
  return reply
    .type(file.mime)
    .header("content-disposition", attachmentHeader(file.filename, asciiFallback))
    .send(file.content);
}
