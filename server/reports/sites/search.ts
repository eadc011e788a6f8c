// Search engines and the ad hosts of the search networks (docs/attribution.md#host-families).
import type { Site } from ".";

/** Organic search: a click from the engine's results. Paths listed here are the engines' ad-click redirects. */
export const SEARCH_ENGINES: Site[] = [
  ["google", "Google", "google.*"],
  ["bing", "Bing", "bing.* bingj.com"],
  ["yahoo", "Yahoo", "yahoo.*"],
  ["duckduckgo", "DuckDuckGo", "duckduckgo.com duck.com"],
  ["ecosia", "Ecosia", "ecosia.org"],
  ["brave", "Brave", "search.brave.com"],
  ["qwant", "Qwant", "qwant.com"],
  ["startpage", "Startpage", "startpage.* ixquick.*"],
  ["aol", "AOL", "aol.* aolsearch.com"],
  ["ask", "Ask", "ask.com search-results.com"],
  ["baidu", "Baidu", "baidu.*"],
  ["yandex", "Yandex", "yandex.* ya.ru"],
  ["naver", "Naver", "naver.com"],
  ["daum", "Daum", "daum.net"],
  ["nate", "Nate", "search.nate.com"],
  ["zum", "ZUM", "search.zum.com"],
  ["seznam", "Seznam", "seznam.cz"],
  ["centrum", "Centrum", "search.centrum.cz"],
  ["sogou", "Sogou", "sogou.com"],
  ["so360", "360", "so.com so.360.cn haosou.com"],
  ["shenma", "Shenma", "sm.cn"],
  ["mailru", "Mail.ru", "go.mail.ru"],
  ["rambler", "Rambler", "nova.rambler.ru"],
  ["mojeek", "Mojeek", "mojeek.*"],
  ["kagi", "Kagi", "kagi.com"],
  ["swisscows", "Swisscows", "swisscows.com"],
  ["metager", "MetaGer", "metager.de metager.org"],
  ["presearch", "Presearch", "presearch.com presearch.org"],
  ["yep", "Yep", "yep.com"],
  ["petal", "Petal", "petalsearch.com"],
  ["coccoc", "Coc Coc", "coccoc.com"],
  ["lycos", "Lycos", "search.lycos.*"],
  ["excite", "Excite", "excite.*"],
  ["dogpile", "Dogpile", "dogpile.com"],
  ["webcrawler", "WebCrawler", "webcrawler.com"],
  ["metacrawler", "MetaCrawler", "metacrawler.com"],
  ["info", "Info.com", "info.com"],
  ["avg", "AVG", "isearch.avg.com search.avg.com"],
  ["babylon", "Babylon", "search.babylon.com searchassist.babylon.com"],
  ["voila", "Voila", "voila.fr"],
  ["orange", "Orange", "lemoteur.orange.fr"],
  ["lilo", "Lilo", "search.lilo.org"],
  ["metaua", "META", "meta.ua"],
  ["onet", "Onet", "szukaj.onet.pl"],
  ["wp", "WP", "szukaj.wp.pl"],
  ["goo", "goo", "search.goo.ne.jp"],
  ["nifty", "@nifty", "search.nifty.com"],
  ["biglobe", "BIGLOBE", "search.biglobe.ne.jp"],
  ["searchch", "search.ch", "search.ch"],
  ["virgilio", "Virgilio", "ricerca.virgilio.it"],
  ["libero", "Libero", "arianna.libero.it"],
  ["sapo", "SAPO", "pesquisa.sapo.pt"],
  ["uol", "UOL", "busca.uol.com.br"],
  ["walla", "Walla", "search.walla.co.il"],
  ["privacywall", "PrivacyWall", "privacywall.org"],
  ["oceanhero", "OceanHero", "oceanhero.today"],
  // The portals' own searches, beside their webmail (./email.ts) on the same domains.
  ["1und1", "1&1", "suche.1und1.de search.1und1.de"],
  ["webde", "WEB.DE", "suche.web.de"],
  ["gmx", "GMX", "suche.gmx.* search.gmx.*"],
  ["t-online", "T-Online", "suche.t-online.de"],
];

/**
 * Ad servers and ad-click redirects: a click through them is a paid click of that engine
 * (docs/protocol.md#4-visitor-attribution: msn.com is Bing's).
 */
export const AD_HOSTS: Site[] = [
  [
    "google",
    "Google",
    "googleadservices.com doubleclick.net googlesyndication.com 2mdn.net adsensecustomsearchads.com " +
      "syndicatedsearch.goog googleadsserving.cn adservice.google.* google.*/aclk google.*/pagead",
  ],
  ["bing", "Bing", "msn.com bing.*/aclk"],
  ["yandex", "Yandex", "yabs.yandex.* an.yandex.*"],
];
