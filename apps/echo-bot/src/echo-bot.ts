import { BufferedInputFile, Command, Dispatcher, F, type Message, ParseMode, Router } from "@tc/bot";

/** What `/start` and `/help` answer. */
export const greeting =
  "Hi! I repeat what you write, formatting included, and send files back. Try <b>bold</b> or a file.";

/**
 * The echo bot's handlers: texts come back as they were written (same parse mode), files come back as files,
 * `/start` greets. Give the dispatcher to a `Bot` that says where the server is.
 *
 * @example
 * await new Bot({ server: "video.example.com", token, dispatcher: createEchoDispatcher() }).run();
 */
export function createEchoDispatcher(): Dispatcher {
  const router = new Router({ name: "echo" });
  router.message(Command("start"), (message) => message.answer(greeting, { parseMode: ParseMode.HTML }));
  router.message(F.text, (message) =>
    message.answer(message.text, {
      parseMode: (message.parseMode as ParseMode | undefined) ?? ParseMode.TEXT,
    }),
  );
  router.message(F.document, (message) => echoFile(message, message.document));
  router.message(F.photo, (message) => echoFile(message, message.photo));
  const dispatcher = new Dispatcher();
  dispatcher.includeRouter(router);
  return dispatcher;
}

async function echoFile(
  message: Message,
  file: { name: string; download(): Promise<Uint8Array> },
): Promise<void> {
  const bytes = await file.download();
  await message.answerDocument(new BufferedInputFile(bytes, { fileName: file.name }), {
    caption: `Your file back: ${file.name} (${bytes.byteLength} bytes)`,
  });
}
