import { safeSplitText, visibleLength, Text, Bold, Italic, Mention, AllMention } from "../src/index.js";
console.log(JSON.stringify(safeSplitText(" \n", { limit: 1, parseMode: "html" })));
console.log(JSON.stringify(safeSplitText(" 中", { limit: 1 })));
