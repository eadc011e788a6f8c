// Android apps as referrers (`android-app://<package>`, what Chrome reports for a link opened
// from an app), by package name (docs/attribution.md#host-families).
import type { Family } from ".";

export const APPS: Family[] = [
  {
    kind: "search",
    sites: [
      ["google", "Google", "com.google.android.googlequicksearchbox com.google.android.apps.searchlite"],
      ["bing", "Bing", "com.microsoft.bing"],
      ["yandex", "Yandex", "ru.yandex.searchplugin"],
    ],
  },
  {
    kind: "email",
    sites: [
      ["google.com", "Gmail", "com.google.android.gm"],
      ["outlook.com", "Outlook", "com.microsoft.office.outlook"],
      ["yahoo.com", "Yahoo Mail", "com.yahoo.mobile.client.android.mail"],
      ["samsung.com", "Samsung Email", "com.samsung.android.email.provider"],
      ["proton.me", "Proton Mail", "ch.protonmail.android"],
      ["mail.ru", "Mail.ru", "ru.mail.mailapp"],
    ],
  },
  {
    kind: "social",
    sites: [
      ["facebook", "Facebook", "com.facebook.katana com.facebook.orca com.facebook.lite"],
      ["instagram", "Instagram", "com.instagram.android"],
      ["threads", "Threads", "com.instagram.barcelona"],
      ["twitter", "X (Twitter)", "com.twitter.android"],
      ["linkedin", "LinkedIn", "com.linkedin.android"],
      ["youtube", "YouTube", "com.google.android.youtube"],
      ["tiktok", "TikTok", "com.zhiliaoapp.musically com.ss.android.ugc.trill"],
      ["pinterest", "Pinterest", "com.pinterest"],
      ["reddit", "Reddit", "com.reddit.frontpage"],
      ["nextdoor", "Nextdoor", "com.nextdoor"],
      ["yelp", "Yelp", "com.yelp.android"],
      ["spotify", "Spotify", "com.spotify.music"],
      ["snapchat", "Snapchat", "com.snapchat.android"],
      ["whatsapp", "WhatsApp", "com.whatsapp"],
      ["telegram", "Telegram", "org.telegram.messenger"],
      ["discord", "Discord", "com.discord"],
      ["slack", "Slack", "com.Slack"],
      ["bluesky", "Bluesky", "xyz.blueskyweb.app"],
    ],
  },
  {
    kind: "referral",
    sites: [
      ["chatgpt", "ChatGPT", "com.openai.chatgpt"],
      ["perplexity", "Perplexity", "ai.perplexity.app.android"],
      ["gemini", "Gemini", "com.google.android.apps.bard"],
      ["copilot", "Copilot", "com.microsoft.copilot"],
      ["claude", "Claude", "com.anthropic.claude"],
    ],
  },
];
