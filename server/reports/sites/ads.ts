// Display and native ad networks (docs/attribution.md#host-families): a click on their ads is a
// paid (`cpc`) arrival from that network, never a search. Google's own ad hosts are search
// ads (./search.ts AD_HOSTS): tracker choice counts them as Google paid.
import type { Site } from ".";

export const AD_NETWORKS: Site[] = [
  ["taboola", "Taboola", "taboola.com"],
  ["outbrain", "Outbrain", "outbrain.com"],
  ["criteo", "Criteo", "criteo.com criteo.net"],
  ["adroll", "AdRoll", "adroll.com"],
  ["xandr", "Xandr", "adnxs.com"],
  ["tradedesk", "The Trade Desk", "adsrvr.org"],
  ["amazon", "Amazon Ads", "amazon-adsystem.com"],
  ["openx", "OpenX", "openx.net servedbyopenx.com"],
  ["pubmatic", "PubMatic", "pubmatic.com"],
  ["magnite", "Magnite", "rubiconproject.com"],
  ["indexexchange", "Index Exchange", "casalemedia.com"],
  ["triplelift", "TripleLift", "3lift.com"],
  ["sovrn", "Sovrn", "lijit.com"],
  ["adform", "Adform", "adform.net"],
  ["sizmek", "Sizmek", "serving-sys.com"],
  ["flashtalking", "Flashtalking", "flashtalking.com"],
  ["teads", "Teads", "teads.tv"],
  ["gumgum", "GumGum", "gumgum.com"],
  ["mgid", "MGID", "mgid.com"],
  ["revcontent", "Revcontent", "revcontent.com"],
  ["yieldmo", "Yieldmo", "yieldmo.com"],
  ["stackadapt", "StackAdapt", "stackadapt.com"],
  ["smartadserver", "Equativ", "smartadserver.com"],
  ["yahoodsp", "Yahoo DSP", "ads.yahoo.com"],
];
