import { safeSplitText } from "../src/index.js";
console.log(JSON.stringify(safeSplitText("https://example.com/some/long/path", { limit: 16 })));
const label = "one two three four five six";
console.log(JSON.stringify(safeSplitText(`<a href="https://x.io">${label}</a>`, { limit: 26, parseMode: "html" })));
console.log(JSON.stringify(safeSplitText(`[**${label}**](https://x.io)`, { limit: 26, parseMode: "markdown" })));
const url = `https://x.io/${"p".repeat(30)}`;
console.log(JSON.stringify(safeSplitText(`<a href="${url}">label</a> tail`, { limit: 20, parseMode: "html" })));
console.log(JSON.stringify(safeSplitText(`[label](${url}) tail`, { limit: 20, parseMode: "markdown" })));
