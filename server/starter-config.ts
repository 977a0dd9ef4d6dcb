// The commented starter configuration (`speechlint --init`, and the editor's "open config"
// command when a project has none), generated from the rule registry so it never goes stale.
import { RULES } from '../rules/index.js';

export function starterConfigText(): string {
  const rules = RULES.map((rule, i) => {
    const comma = i < RULES.length - 1 ? ',' : '';
    return `    // ${rule.meta.description.zh}\n    // ${rule.meta.description.en}\n    "${rule.meta.id}": "${rule.meta.defaultSeverity}"${comma}`;
  }).join('\n');
  return `// SpeechLint 讲话稿校对的项目配置。可以写注释（// 和 /* */），允许末尾逗号。
// Project configuration of SpeechLint. Comments and trailing commas are allowed.
{
  // 每条规则的级别：error、warning、info、hint 或 off（关闭）。下面是默认值。
  // Severity per rule: error, warning, info, hint or off. These are the defaults.
  "rules": {
${rules}
  },

  // 不检查的文件（相对于本文件所在的文件夹，gitignore 写法），如 "archive/**"。
  // Files not linted (relative to this file's folder, gitignore syntax).
  "ignore": [],

  // 永不报告的短语（按字面匹配；写成 /…/ 是正则表达式），如 "X光机"。
  // Phrases never reported (literal; /…/ is a regular expression).
  "allow": [],

  // 带上下文的占位符 → 实际值，placeholder 规则据此安全修复，如 "X科技城": "攀枝花科技城"。
  // A placeholder in context → its value; the placeholder rule fills it as a safe fix.
  "placeholders": {}
}
`;
}
