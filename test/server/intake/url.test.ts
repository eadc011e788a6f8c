// Page URLs as the server stores them (server/intake/url.ts, docs/security.md#page-urls).
import { describe, expect, it } from "vitest";
import { personalParam, scrubUrl } from "../../../server/intake/url";

describe("scrubUrl", () => {
  it.each([
    ["no query", "https://site.example/pricing", "https://site.example/pricing"],
    [
      "ordinary parameters",
      "https://site.example/book?step=2&q=water+heater#top",
      "https://site.example/book?step=2&q=water+heater#top",
    ],
    [
      "campaign parameters",
      "https://site.example/?gclid=abc&utm_campaign=spring",
      "https://site.example/?gclid=abc&utm_campaign=spring",
    ],
    [
      "a GET contact form",
      "https://site.example/thanks?Name=Dana+Smith&Phone=404-555-1111&Email=dana%40example.com&Comments=leak",
      "https://site.example/thanks",
    ],
    [
      "a form with campaign parameters",
      "https://site.example/thanks?utm_source=news&first_name=Dana&gclid=G1#done",
      "https://site.example/thanks?utm_source=news&gclid=G1",
    ],
    ["an e-mail address under any name", "https://site.example/?ref=dana@example.com&page=2", "https://site.example/"],
    ["a phone number under any name", "https://site.example/?callback=(404)%20555-1111", "https://site.example/"],
    ["a card number under any name", "https://site.example/?n=4111111111111111", "https://site.example/"],
    ["personal data in the fragment", "https://site.example/app#/thanks?email=a%40b.c", "https://site.example/app"],
    ["a secret field name", "https://site.example/?cvv=123&step=2", "https://site.example/"],
    ["not a URL at all", "hello?name=x", "hello"],
    ["a bad escape", "https://site.example/?q=%E0%A4%A&step=1", "https://site.example/?q=%E0%A4%A&step=1"],
  ])("%s", (_, url, stored) => {
    expect(scrubUrl(url)).toBe(stored);
  });
});

describe("personalParam", () => {
  it.each([
    ["email", "x", true],
    ["E-mail", "x", true],
    ["your-name", "x", true],
    ["billingAddress", "x", true],
    ["zip", "30301", true],
    ["msg", "hi", true],
    ["utm_content", "dana@example.com", false], // campaign parameters are kept whatever they hold
    ["gclid", "4111111111111111", false],
    ["step", "2", false],
    ["q", "plumber near me", false],
    ["id", "12345", false],
    ["order", "1234567890", true], // ten digits read as a phone number: the query goes, the page stays
    ["date", "2026-11-22", false],
    ["username", "x", false], // "username" is one word: not "name"
  ])("%s=%s → %s", (name, value, personal) => {
    expect(personalParam(name, value)).toBe(personal);
  });
});
