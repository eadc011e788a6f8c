// AI assistants, and the other hosts on a search engine's domain that are not its search
// (docs/attribution.md#host-families). Their medium is `referral`.
import type { Site } from ".";

/** Named assistants (docs/protocol.md#4-visitor-attribution): never a search arrival, even on a search engine's domain. */
export const ASSISTANTS: Site[] = [
  ["chatgpt", "ChatGPT", "chatgpt.com chat.openai.com"],
  ["perplexity", "Perplexity", "perplexity.ai"],
  ["gemini", "Gemini", "gemini.google.com bard.google.com"],
  ["copilot", "Copilot", "copilot.microsoft.com copilot.cloud.microsoft edgeservices.bing.com bing.*/chat"],
  ["claude", "Claude", "claude.ai"],
  ["characterai", "Character.AI", "character.ai"],
  ["metaai", "Meta AI", "meta.ai"],
  ["mistral", "Le Chat", "chat.mistral.ai"],
  ["poe", "Poe", "poe.com"],
  ["deepseek", "DeepSeek", "chat.deepseek.com"],
  ["grok", "Grok", "grok.com x.com/i/grok"],
  ["notebooklm", "NotebookLM", "notebooklm.google.com"],
  ["ernie", "ERNIE Bot", "yiyan.baidu.com"],
  ["duckai", "Duck.ai", "duck.ai"],
  ["qwen", "Qwen Chat", "chat.qwen.ai"],
  ["chatglm", "ChatGLM", "chatglm.cn"],
  ["you", "You.com", "you.com"],
  ["huggingchat", "HuggingChat", "huggingface.co/chat"],
];

/**
 * A search engine's other services: a link in a shared document or a news page is a referral
 * from that domain, not a search. "" names them by their registrable domain.
 */
export const NOT_SEARCH: Site[] = [
  [
    "",
    "",
    "docs.google.com drive.google.com sites.google.com groups.google.com calendar.google.com " +
      "meet.google.com chat.google.com classroom.google.com keep.google.com play.google.com " +
      "accounts.google.com support.google.com aistudio.google.com",
  ],
  ["", "", "news.yahoo.* finance.yahoo.* sports.yahoo.*"],
];
