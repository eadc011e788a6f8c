// Known crawlers by user agent (docs/protocol.md#5-server-endpoints-used-by-the-bundle:
// "Who never leases"). Pure, and shared with the server, which refuses their lease
// requests with the same rule. Automation that browses like a person (HeadlessChrome,
// navigator.webdriver: test suites, monitoring) is not a crawler: it must see what a
// visitor sees.

/**
 * Tokens of search, social-preview, SEO and AI crawlers, matched as words anywhere in the
 * user agent, case-insensitively. `bot`/`crawl`/`spider` followed by a word boundary
 * catches the long tail (`SeznamBot`, `PetalBot`, `Bytespider`) without matching
 * `cubot` phones: those tokens must end the word.
 */
const CRAWLER =
  /[a-z0-9]bot\b|crawl|spider|slurp|facebookexternalhit|facebookcatalog|meta-externalagent|ia_archiver|mediapartners-google|adsbot-google|google-inspectiontool|googleother|storebot-google|feedfetcher|chatgpt-user|oai-searchbot|perplexity|claude-web|anthropic-ai|cohere-ai/i;
/** Phones and browsers whose names end in "bot" but are people. */
const PEOPLE = /\bcubot\b|\bcobot\b/i;

/** Whether a request or page view with this user agent comes from a known crawler. */
export function isCrawler(userAgent: string): boolean {
  return typeof userAgent == "string" && CRAWLER.test(userAgent) && !PEOPLE.test(userAgent);
}
