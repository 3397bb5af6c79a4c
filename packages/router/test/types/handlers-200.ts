// 200 handler registrations of every filter form, type-checked with the package: the benchmark of the
// router prints the compiler's time and instantiation count with them (`tsc --extendedDiagnostics`), so a
// change that makes filter types expensive shows up there. Generated once; edit freely.
import type { Message } from "@tc/api";
import { MessageType } from "@tc/api";
import { and, Command, F, not, or, Router } from "../../src/index.js";

const router = new Router();
const hasText = (m: Message): m is Message & { text: string } => m.text !== undefined;

router.message(F.text.eq("t0"), (m) => m.text.toUpperCase());
router.message(F.photo, F.fromUser.id.ne("u1@srv"), (m) => m.photo.download());
router.message(Command("c2", { ignoreCase: true }), (m, ctx) => m.answer(ctx.command.args ?? m.text));
router.message(F.document.mimeType.startsWith("image/"), (m) => m.document.name.length + 3);
router.message(hasText, F.text.len().gt(4), (m) => m.text.trim());
router.message(or(F.photo, F.document), not(F.text), (m) => `${m.messageId}5`);
router.message(and(F.text.lower().contains("x6"), MessageType.PLAIN_MESSAGE), (m) => m.type);
router.message(
  async () => ({ n7: 7 }),
  (_m, ctx) => ctx.n7 + 1,
);
router.removedMessage(F.removedBy.id.in(["a8", "b"]), (e) => e.removedBy.id);
router.editedMessage(F.text.regexp(/^e9/), (e, ctx) => e.text + ctx.match[0]);
router.message(F.text.eq("t10"), (m) => m.text.toUpperCase());
router.message(F.photo, F.fromUser.id.ne("u11@srv"), (m) => m.photo.download());
router.message(Command("c12", { ignoreCase: true }), (m, ctx) => m.answer(ctx.command.args ?? m.text));
router.message(F.document.mimeType.startsWith("image/"), (m) => m.document.name.length + 13);
router.message(hasText, F.text.len().gt(14), (m) => m.text.trim());
router.message(or(F.photo, F.document), not(F.text), (m) => `${m.messageId}15`);
router.message(and(F.text.lower().contains("x16"), MessageType.PLAIN_MESSAGE), (m) => m.type);
router.message(
  async () => ({ n7: 17 }),
  (_m, ctx) => ctx.n7 + 1,
);
router.removedMessage(F.removedBy.id.in(["a18", "b"]), (e) => e.removedBy.id);
router.editedMessage(F.text.regexp(/^e19/), (e, ctx) => e.text + ctx.match[0]);
router.message(F.text.eq("t20"), (m) => m.text.toUpperCase());
router.message(F.photo, F.fromUser.id.ne("u21@srv"), (m) => m.photo.download());
router.message(Command("c22", { ignoreCase: true }), (m, ctx) => m.answer(ctx.command.args ?? m.text));
router.message(F.document.mimeType.startsWith("image/"), (m) => m.document.name.length + 23);
router.message(hasText, F.text.len().gt(24), (m) => m.text.trim());
router.message(or(F.photo, F.document), not(F.text), (m) => `${m.messageId}25`);
router.message(and(F.text.lower().contains("x26"), MessageType.PLAIN_MESSAGE), (m) => m.type);
router.message(
  async () => ({ n7: 27 }),
  (_m, ctx) => ctx.n7 + 1,
);
router.removedMessage(F.removedBy.id.in(["a28", "b"]), (e) => e.removedBy.id);
router.editedMessage(F.text.regexp(/^e29/), (e, ctx) => e.text + ctx.match[0]);
router.message(F.text.eq("t30"), (m) => m.text.toUpperCase());
router.message(F.photo, F.fromUser.id.ne("u31@srv"), (m) => m.photo.download());
router.message(Command("c32", { ignoreCase: true }), (m, ctx) => m.answer(ctx.command.args ?? m.text));
router.message(F.document.mimeType.startsWith("image/"), (m) => m.document.name.length + 33);
router.message(hasText, F.text.len().gt(34), (m) => m.text.trim());
router.message(or(F.photo, F.document), not(F.text), (m) => `${m.messageId}35`);
router.message(and(F.text.lower().contains("x36"), MessageType.PLAIN_MESSAGE), (m) => m.type);
router.message(
  async () => ({ n7: 37 }),
  (_m, ctx) => ctx.n7 + 1,
);
router.removedMessage(F.removedBy.id.in(["a38", "b"]), (e) => e.removedBy.id);
router.editedMessage(F.text.regexp(/^e39/), (e, ctx) => e.text + ctx.match[0]);
router.message(F.text.eq("t40"), (m) => m.text.toUpperCase());
router.message(F.photo, F.fromUser.id.ne("u41@srv"), (m) => m.photo.download());
router.message(Command("c42", { ignoreCase: true }), (m, ctx) => m.answer(ctx.command.args ?? m.text));
router.message(F.document.mimeType.startsWith("image/"), (m) => m.document.name.length + 43);
router.message(hasText, F.text.len().gt(44), (m) => m.text.trim());
router.message(or(F.photo, F.document), not(F.text), (m) => `${m.messageId}45`);
router.message(and(F.text.lower().contains("x46"), MessageType.PLAIN_MESSAGE), (m) => m.type);
router.message(
  async () => ({ n7: 47 }),
  (_m, ctx) => ctx.n7 + 1,
);
router.removedMessage(F.removedBy.id.in(["a48", "b"]), (e) => e.removedBy.id);
router.editedMessage(F.text.regexp(/^e49/), (e, ctx) => e.text + ctx.match[0]);
router.message(F.text.eq("t50"), (m) => m.text.toUpperCase());
router.message(F.photo, F.fromUser.id.ne("u51@srv"), (m) => m.photo.download());
router.message(Command("c52", { ignoreCase: true }), (m, ctx) => m.answer(ctx.command.args ?? m.text));
router.message(F.document.mimeType.startsWith("image/"), (m) => m.document.name.length + 53);
router.message(hasText, F.text.len().gt(4), (m) => m.text.trim());
router.message(or(F.photo, F.document), not(F.text), (m) => `${m.messageId}55`);
router.message(and(F.text.lower().contains("x56"), MessageType.PLAIN_MESSAGE), (m) => m.type);
router.message(
  async () => ({ n7: 57 }),
  (_m, ctx) => ctx.n7 + 1,
);
router.removedMessage(F.removedBy.id.in(["a58", "b"]), (e) => e.removedBy.id);
router.editedMessage(F.text.regexp(/^e59/), (e, ctx) => e.text + ctx.match[0]);
router.message(F.text.eq("t60"), (m) => m.text.toUpperCase());
router.message(F.photo, F.fromUser.id.ne("u61@srv"), (m) => m.photo.download());
router.message(Command("c62", { ignoreCase: true }), (m, ctx) => m.answer(ctx.command.args ?? m.text));
router.message(F.document.mimeType.startsWith("image/"), (m) => m.document.name.length + 63);
router.message(hasText, F.text.len().gt(14), (m) => m.text.trim());
router.message(or(F.photo, F.document), not(F.text), (m) => `${m.messageId}65`);
router.message(and(F.text.lower().contains("x66"), MessageType.PLAIN_MESSAGE), (m) => m.type);
router.message(
  async () => ({ n7: 67 }),
  (_m, ctx) => ctx.n7 + 1,
);
router.removedMessage(F.removedBy.id.in(["a68", "b"]), (e) => e.removedBy.id);
router.editedMessage(F.text.regexp(/^e69/), (e, ctx) => e.text + ctx.match[0]);
router.message(F.text.eq("t70"), (m) => m.text.toUpperCase());
router.message(F.photo, F.fromUser.id.ne("u71@srv"), (m) => m.photo.download());
router.message(Command("c72", { ignoreCase: true }), (m, ctx) => m.answer(ctx.command.args ?? m.text));
router.message(F.document.mimeType.startsWith("image/"), (m) => m.document.name.length + 73);
router.message(hasText, F.text.len().gt(24), (m) => m.text.trim());
router.message(or(F.photo, F.document), not(F.text), (m) => `${m.messageId}75`);
router.message(and(F.text.lower().contains("x76"), MessageType.PLAIN_MESSAGE), (m) => m.type);
router.message(
  async () => ({ n7: 77 }),
  (_m, ctx) => ctx.n7 + 1,
);
router.removedMessage(F.removedBy.id.in(["a78", "b"]), (e) => e.removedBy.id);
router.editedMessage(F.text.regexp(/^e79/), (e, ctx) => e.text + ctx.match[0]);
router.message(F.text.eq("t80"), (m) => m.text.toUpperCase());
router.message(F.photo, F.fromUser.id.ne("u81@srv"), (m) => m.photo.download());
router.message(Command("c82", { ignoreCase: true }), (m, ctx) => m.answer(ctx.command.args ?? m.text));
router.message(F.document.mimeType.startsWith("image/"), (m) => m.document.name.length + 83);
router.message(hasText, F.text.len().gt(34), (m) => m.text.trim());
router.message(or(F.photo, F.document), not(F.text), (m) => `${m.messageId}85`);
router.message(and(F.text.lower().contains("x86"), MessageType.PLAIN_MESSAGE), (m) => m.type);
router.message(
  async () => ({ n7: 87 }),
  (_m, ctx) => ctx.n7 + 1,
);
router.removedMessage(F.removedBy.id.in(["a88", "b"]), (e) => e.removedBy.id);
router.editedMessage(F.text.regexp(/^e89/), (e, ctx) => e.text + ctx.match[0]);
router.message(F.text.eq("t90"), (m) => m.text.toUpperCase());
router.message(F.photo, F.fromUser.id.ne("u91@srv"), (m) => m.photo.download());
router.message(Command("c92", { ignoreCase: true }), (m, ctx) => m.answer(ctx.command.args ?? m.text));
router.message(F.document.mimeType.startsWith("image/"), (m) => m.document.name.length + 93);
router.message(hasText, F.text.len().gt(44), (m) => m.text.trim());
router.message(or(F.photo, F.document), not(F.text), (m) => `${m.messageId}95`);
router.message(and(F.text.lower().contains("x96"), MessageType.PLAIN_MESSAGE), (m) => m.type);
router.message(
  async () => ({ n7: 97 }),
  (_m, ctx) => ctx.n7 + 1,
);
router.removedMessage(F.removedBy.id.in(["a98", "b"]), (e) => e.removedBy.id);
router.editedMessage(F.text.regexp(/^e99/), (e, ctx) => e.text + ctx.match[0]);
router.message(F.text.eq("t100"), (m) => m.text.toUpperCase());
router.message(F.photo, F.fromUser.id.ne("u101@srv"), (m) => m.photo.download());
router.message(Command("c102", { ignoreCase: true }), (m, ctx) => m.answer(ctx.command.args ?? m.text));
router.message(F.document.mimeType.startsWith("image/"), (m) => m.document.name.length + 103);
router.message(hasText, F.text.len().gt(4), (m) => m.text.trim());
router.message(or(F.photo, F.document), not(F.text), (m) => `${m.messageId}105`);
router.message(and(F.text.lower().contains("x106"), MessageType.PLAIN_MESSAGE), (m) => m.type);
router.message(
  async () => ({ n7: 107 }),
  (_m, ctx) => ctx.n7 + 1,
);
router.removedMessage(F.removedBy.id.in(["a108", "b"]), (e) => e.removedBy.id);
router.editedMessage(F.text.regexp(/^e109/), (e, ctx) => e.text + ctx.match[0]);
router.message(F.text.eq("t110"), (m) => m.text.toUpperCase());
router.message(F.photo, F.fromUser.id.ne("u111@srv"), (m) => m.photo.download());
router.message(Command("c112", { ignoreCase: true }), (m, ctx) => m.answer(ctx.command.args ?? m.text));
router.message(F.document.mimeType.startsWith("image/"), (m) => m.document.name.length + 113);
router.message(hasText, F.text.len().gt(14), (m) => m.text.trim());
router.message(or(F.photo, F.document), not(F.text), (m) => `${m.messageId}115`);
router.message(and(F.text.lower().contains("x116"), MessageType.PLAIN_MESSAGE), (m) => m.type);
router.message(
  async () => ({ n7: 117 }),
  (_m, ctx) => ctx.n7 + 1,
);
router.removedMessage(F.removedBy.id.in(["a118", "b"]), (e) => e.removedBy.id);
router.editedMessage(F.text.regexp(/^e119/), (e, ctx) => e.text + ctx.match[0]);
router.message(F.text.eq("t120"), (m) => m.text.toUpperCase());
router.message(F.photo, F.fromUser.id.ne("u121@srv"), (m) => m.photo.download());
router.message(Command("c122", { ignoreCase: true }), (m, ctx) => m.answer(ctx.command.args ?? m.text));
router.message(F.document.mimeType.startsWith("image/"), (m) => m.document.name.length + 123);
router.message(hasText, F.text.len().gt(24), (m) => m.text.trim());
router.message(or(F.photo, F.document), not(F.text), (m) => `${m.messageId}125`);
router.message(and(F.text.lower().contains("x126"), MessageType.PLAIN_MESSAGE), (m) => m.type);
router.message(
  async () => ({ n7: 127 }),
  (_m, ctx) => ctx.n7 + 1,
);
router.removedMessage(F.removedBy.id.in(["a128", "b"]), (e) => e.removedBy.id);
router.editedMessage(F.text.regexp(/^e129/), (e, ctx) => e.text + ctx.match[0]);
router.message(F.text.eq("t130"), (m) => m.text.toUpperCase());
router.message(F.photo, F.fromUser.id.ne("u131@srv"), (m) => m.photo.download());
router.message(Command("c132", { ignoreCase: true }), (m, ctx) => m.answer(ctx.command.args ?? m.text));
router.message(F.document.mimeType.startsWith("image/"), (m) => m.document.name.length + 133);
router.message(hasText, F.text.len().gt(34), (m) => m.text.trim());
router.message(or(F.photo, F.document), not(F.text), (m) => `${m.messageId}135`);
router.message(and(F.text.lower().contains("x136"), MessageType.PLAIN_MESSAGE), (m) => m.type);
router.message(
  async () => ({ n7: 137 }),
  (_m, ctx) => ctx.n7 + 1,
);
router.removedMessage(F.removedBy.id.in(["a138", "b"]), (e) => e.removedBy.id);
router.editedMessage(F.text.regexp(/^e139/), (e, ctx) => e.text + ctx.match[0]);
router.message(F.text.eq("t140"), (m) => m.text.toUpperCase());
router.message(F.photo, F.fromUser.id.ne("u141@srv"), (m) => m.photo.download());
router.message(Command("c142", { ignoreCase: true }), (m, ctx) => m.answer(ctx.command.args ?? m.text));
router.message(F.document.mimeType.startsWith("image/"), (m) => m.document.name.length + 143);
router.message(hasText, F.text.len().gt(44), (m) => m.text.trim());
router.message(or(F.photo, F.document), not(F.text), (m) => `${m.messageId}145`);
router.message(and(F.text.lower().contains("x146"), MessageType.PLAIN_MESSAGE), (m) => m.type);
router.message(
  async () => ({ n7: 147 }),
  (_m, ctx) => ctx.n7 + 1,
);
router.removedMessage(F.removedBy.id.in(["a148", "b"]), (e) => e.removedBy.id);
router.editedMessage(F.text.regexp(/^e149/), (e, ctx) => e.text + ctx.match[0]);
router.message(F.text.eq("t150"), (m) => m.text.toUpperCase());
router.message(F.photo, F.fromUser.id.ne("u151@srv"), (m) => m.photo.download());
router.message(Command("c152", { ignoreCase: true }), (m, ctx) => m.answer(ctx.command.args ?? m.text));
router.message(F.document.mimeType.startsWith("image/"), (m) => m.document.name.length + 153);
router.message(hasText, F.text.len().gt(4), (m) => m.text.trim());
router.message(or(F.photo, F.document), not(F.text), (m) => `${m.messageId}155`);
router.message(and(F.text.lower().contains("x156"), MessageType.PLAIN_MESSAGE), (m) => m.type);
router.message(
  async () => ({ n7: 157 }),
  (_m, ctx) => ctx.n7 + 1,
);
router.removedMessage(F.removedBy.id.in(["a158", "b"]), (e) => e.removedBy.id);
router.editedMessage(F.text.regexp(/^e159/), (e, ctx) => e.text + ctx.match[0]);
router.message(F.text.eq("t160"), (m) => m.text.toUpperCase());
router.message(F.photo, F.fromUser.id.ne("u161@srv"), (m) => m.photo.download());
router.message(Command("c162", { ignoreCase: true }), (m, ctx) => m.answer(ctx.command.args ?? m.text));
router.message(F.document.mimeType.startsWith("image/"), (m) => m.document.name.length + 163);
router.message(hasText, F.text.len().gt(14), (m) => m.text.trim());
router.message(or(F.photo, F.document), not(F.text), (m) => `${m.messageId}165`);
router.message(and(F.text.lower().contains("x166"), MessageType.PLAIN_MESSAGE), (m) => m.type);
router.message(
  async () => ({ n7: 167 }),
  (_m, ctx) => ctx.n7 + 1,
);
router.removedMessage(F.removedBy.id.in(["a168", "b"]), (e) => e.removedBy.id);
router.editedMessage(F.text.regexp(/^e169/), (e, ctx) => e.text + ctx.match[0]);
router.message(F.text.eq("t170"), (m) => m.text.toUpperCase());
router.message(F.photo, F.fromUser.id.ne("u171@srv"), (m) => m.photo.download());
router.message(Command("c172", { ignoreCase: true }), (m, ctx) => m.answer(ctx.command.args ?? m.text));
router.message(F.document.mimeType.startsWith("image/"), (m) => m.document.name.length + 173);
router.message(hasText, F.text.len().gt(24), (m) => m.text.trim());
router.message(or(F.photo, F.document), not(F.text), (m) => `${m.messageId}175`);
router.message(and(F.text.lower().contains("x176"), MessageType.PLAIN_MESSAGE), (m) => m.type);
router.message(
  async () => ({ n7: 177 }),
  (_m, ctx) => ctx.n7 + 1,
);
router.removedMessage(F.removedBy.id.in(["a178", "b"]), (e) => e.removedBy.id);
router.editedMessage(F.text.regexp(/^e179/), (e, ctx) => e.text + ctx.match[0]);
router.message(F.text.eq("t180"), (m) => m.text.toUpperCase());
router.message(F.photo, F.fromUser.id.ne("u181@srv"), (m) => m.photo.download());
router.message(Command("c182", { ignoreCase: true }), (m, ctx) => m.answer(ctx.command.args ?? m.text));
router.message(F.document.mimeType.startsWith("image/"), (m) => m.document.name.length + 183);
router.message(hasText, F.text.len().gt(34), (m) => m.text.trim());
router.message(or(F.photo, F.document), not(F.text), (m) => `${m.messageId}185`);
router.message(and(F.text.lower().contains("x186"), MessageType.PLAIN_MESSAGE), (m) => m.type);
router.message(
  async () => ({ n7: 187 }),
  (_m, ctx) => ctx.n7 + 1,
);
router.removedMessage(F.removedBy.id.in(["a188", "b"]), (e) => e.removedBy.id);
router.editedMessage(F.text.regexp(/^e189/), (e, ctx) => e.text + ctx.match[0]);
router.message(F.text.eq("t190"), (m) => m.text.toUpperCase());
router.message(F.photo, F.fromUser.id.ne("u191@srv"), (m) => m.photo.download());
router.message(Command("c192", { ignoreCase: true }), (m, ctx) => m.answer(ctx.command.args ?? m.text));
router.message(F.document.mimeType.startsWith("image/"), (m) => m.document.name.length + 193);
router.message(hasText, F.text.len().gt(44), (m) => m.text.trim());
router.message(or(F.photo, F.document), not(F.text), (m) => `${m.messageId}195`);
router.message(and(F.text.lower().contains("x196"), MessageType.PLAIN_MESSAGE), (m) => m.type);
router.message(
  async () => ({ n7: 197 }),
  (_m, ctx) => ctx.n7 + 1,
);
router.removedMessage(F.removedBy.id.in(["a198", "b"]), (e) => e.removedBy.id);
router.editedMessage(F.text.regexp(/^e199/), (e, ctx) => e.text + ctx.match[0]);

export { router as handlers200 };
