import { safeSplitText } from "../src/index.js";
import { tokenize } from "../src/tokenize.js";

const unit =
  '<b>Status report</b> for the <i>build farm</i>: all green &amp; fast. See <a href="https://ci.example.org/job/442">job 442</a>.\nПользователь 😀👍🏽 中文句子没有空格但是有标点。第二句话也很长！<s>删除线</s>\n\n';
const text = unit.repeat(Math.ceil(1e7 / unit.length));
for (let i = 0; i < 3; i++) {
  let c0 = process.cpuUsage();
  let t = performance.now();
  const tk = tokenize(text, "html");
  let c1 = process.cpuUsage(c0);
  console.log("tokenize cpu", (c1.user + c1.system) / 1000, "wall", performance.now() - t, tk.length);
  c0 = process.cpuUsage();
  t = performance.now();
  const c = safeSplitText(text, { parseMode: "html" });
  c1 = process.cpuUsage(c0);
  console.log("split cpu", (c1.user + c1.system) / 1000, "wall", performance.now() - t, c.length);
}
