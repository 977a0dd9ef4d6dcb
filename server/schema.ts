import { SEVERITIES, type OptionSchema, type Rule } from '../rules/index.js';

/**
 * JSON schemas generated from the rules' metadata: `.speechlintrc.json` (for the editor's JSON
 * validation) and the `speechlint.rules` setting. `npm run generate` writes them; a test keeps
 * the checked-in copies in sync.
 */
const SEVERITY_ENUM = [...SEVERITIES, 'off'];
const SEVERITY_DESCRIPTIONS = ['错误', '警告', '提示', '建议（不显眼）', '关闭'];

function optionType(schema: OptionSchema): Record<string, unknown> {
  const described = { description: schema.description, default: schema.default };
  switch (schema.type) {
    case 'boolean':
    case 'string':
      return { type: schema.type, ...(schema.enum ? { enum: schema.enum } : {}), ...described };
    case 'number':
      return { type: 'number', ...(schema.minimum !== undefined ? { minimum: schema.minimum } : {}), ...described };
    case 'string[]':
      return { type: 'array', items: { type: 'string' }, ...described };
    case 'record':
      return { type: 'object', additionalProperties: { type: 'string' }, ...described };
    case 'object[]': {
      const fields = Object.entries(schema.properties ?? {});
      const properties = Object.fromEntries(
        fields.map(([key, f]) => [
          key,
          f.type === 'string[]'
            ? { type: 'array', items: { type: 'string', minLength: 1 }, ...(f.minItems ? { minItems: f.minItems } : {}), description: f.description }
            : { type: f.type, ...(f.type === 'string' ? { minLength: 1 } : {}), ...(f.pattern ? { pattern: f.pattern } : {}), description: f.description },
        ]),
      );
      const required = fields.filter(([, f]) => f.required).map(([key]) => key);
      return { type: 'array', items: { type: 'object', properties, required, additionalProperties: false }, ...described };
    }
  }
}

function ruleEntry(rule: Rule): Record<string, unknown> {
  const severity = { enum: SEVERITY_ENUM, enumDescriptions: SEVERITY_DESCRIPTIONS };
  const options = { type: 'object', properties: Object.fromEntries(Object.entries(rule.meta.options).map(([k, s]) => [k, optionType(s)])), additionalProperties: false };
  return {
    description: `${rule.meta.description.zh}（默认 ${rule.meta.defaultSeverity}）`,
    oneOf: [
      severity,
      { type: 'array', prefixItems: [severity, options], items: [severity, options], minItems: 1, maxItems: 2 },
      { type: 'object', properties: { severity, options }, additionalProperties: false },
    ],
  };
}

export function speechlintrcSchema(rules: readonly Rule[]): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'SpeechLint 配置（.speechlintrc.json）',
    type: 'object',
    properties: {
      $schema: { type: 'string' },
      rules: {
        description: '规则 id → 级别，或 [级别, 选项]，或 {"severity": 级别, "options": 选项}',
        type: 'object',
        properties: Object.fromEntries(rules.map((r) => [r.meta.id, ruleEntry(r)])),
        additionalProperties: false,
      },
      ignore: { description: '不检查的文件（gitignore 语法，相对配置文件所在目录）', type: 'array', items: { type: 'string', minLength: 1 } },
      allow: { description: '永不报告的短语：按字面匹配；写成 /正则/标志 的才是正则表达式（标志只可用 i、u、s；重复须写明上限如 {1,10}，不可用 * + 或反向引用、嵌套重复；受限模式下不生效）', type: 'array', items: { type: 'string', minLength: 1 } },
      placeholders: {
        description: '带上下文的占位符 → 实际值，如 {"X科技城": "攀枝花科技城"}；placeholder 规则据此修复',
        type: 'object',
        additionalProperties: { type: 'string' },
      },
    },
    additionalProperties: false,
  };
}

/** The `speechlint.rules` setting: one severity per rule id. */
export function rulesSettingSchema(rules: readonly Rule[]): Record<string, unknown> {
  return {
    type: 'object',
    default: {},
    markdownDescription: '按规则设置级别（`error`、`warning`、`info`、`hint` 或 `off`），优先级低于项目的 `.speechlintrc.json`。',
    properties: Object.fromEntries(
      rules.map((r) => [r.meta.id, { type: 'string', enum: SEVERITY_ENUM, enumDescriptions: SEVERITY_DESCRIPTIONS, description: `${r.meta.description.zh}（默认 ${r.meta.defaultSeverity}）` }]),
    ),
    additionalProperties: false,
  };
}
