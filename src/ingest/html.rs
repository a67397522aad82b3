//! A saved web page → the article's readable text and what the page says
//! about itself.
//!
//! The page is parsed by html5ever (through scraper), the algorithm browsers
//! use, so broken markup, implied tags and entities come out as a browser
//! shows them. The text is the article's: the `<article>` (or
//! `itemprop=articleBody`, `<main>`) holding the most text, else the body;
//! scripts, styles, navigation, headers and footers, asides, forms, hidden
//! elements and boilerplate by role or class (cookie banners, ads, share
//! bars, newsletters, related stories) are dropped. Blocks keep their
//! breaks: a paragraph or heading is followed by a blank line, a list item
//! or table row by a line break, and table cells are joined by " | ", so
//! "Total Investment" and "$4 Billion" in adjacent cells do not run
//! together. Offsets of mentions refer to this text; `crosscheck text FILE`
//! prints it.
//!
//! The walk uses the tree's open/close edges, never recursion, so a page
//! nested 100,000 elements deep is no danger.

use super::meta::{clean, domain, Meta};
use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::node::Element;
use scraper::{ElementRef, Html, Node};
use std::collections::HashMap;

/// A page's text and metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub text: String,
    pub meta: Meta,
}

/// An article root holding less text than this is a teaser, not the article.
const MIN_ARTICLE_CHARS: usize = 200;

/// Elements whose content is never text a reader sees.
const NEVER_TEXT: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "video", "audio", "select", "textarea", "input", "button", "head", "title",
];

/// Page furniture: dropped unless it holds most of the text (a page wrapped
/// in one `<form>` or `<header>` is still an article).
const FURNITURE: &[&str] = &["nav", "header", "footer", "aside", "form", "dialog", "menu"];

const FURNITURE_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "dialog",
    "alertdialog",
    "menu",
    "menubar",
    "search",
    "toolbar",
];

/// Words in a class or id that mark boilerplate ("cookie-banner",
/// "ad_slot", "newsletter-signup", "related-stories").
const FURNITURE_WORDS: &[&str] = &[
    "ad",
    "ads",
    "adslot",
    "advert",
    "adverts",
    "advertisement",
    "advertising",
    "sponsor",
    "sponsored",
    "promo",
    "promoted",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "newsletter",
    "signup",
    "subscribe",
    "subscription",
    "paywall",
    "share",
    "sharing",
    "social",
    "related",
    "recommended",
    "popular",
    "trending",
    "comments",
    "breadcrumb",
    "breadcrumbs",
    "nav",
    "navbar",
    "menu",
    "sidebar",
    "popup",
    "modal",
    "outbrain",
    "taboola",
];

/// How strongly a block separates what follows from what came before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Break {
    None,
    Cell,
    Line,
    Paragraph,
}

fn break_of(name: &str) -> Break {
    match name {
        "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote" | "pre" | "table" | "ul"
        | "ol" | "dl" | "hr" | "figure" | "figcaption" | "section" | "article" | "main"
        | "header" | "footer" | "aside" | "address" | "details" => Break::Paragraph,
        "div" | "li" | "tr" | "dt" | "dd" | "br" | "caption" | "summary" | "thead" | "tbody"
        | "tfoot" | "nav" | "form" | "fieldset" | "legend" | "option" => Break::Line,
        _ => Break::None,
    }
}

/// Collects text with collapsed white space and block breaks.
#[derive(Default)]
struct Builder {
    out: String,
    pending: Option<Break>,
    space: bool,
    pre: usize,
}

impl Builder {
    fn brk(&mut self, b: Break) {
        if b > Break::None {
            self.pending = Some(self.pending.map_or(b, |p| p.max(b)));
        }
    }

    fn lead(&mut self) {
        if !self.out.is_empty() {
            match self.pending {
                Some(Break::Paragraph) => self.out.push_str("\n\n"),
                Some(Break::Line) => self.out.push('\n'),
                Some(Break::Cell) => self.out.push_str(" | "),
                _ if self.space => self.out.push(' '),
                _ => {}
            }
        }
        self.pending = None;
        self.space = false;
    }

    fn text(&mut self, s: &str) {
        if self.pre > 0 {
            let s = s.replace("\r\n", "\n");
            if !s.trim().is_empty() {
                self.lead();
                self.out.push_str(&strip_invisible(&s));
            }
            return;
        }
        if s.starts_with(char::is_whitespace) {
            self.space = true;
        }
        for (i, w) in s.split_whitespace().enumerate() {
            let w = strip_invisible(w);
            if w.is_empty() {
                continue;
            }
            if i > 0 {
                self.space = true;
            }
            self.lead();
            self.out.push_str(&w);
        }
        if s.ends_with(char::is_whitespace) {
            self.space = true;
        }
    }
}

/// Soft hyphens and zero-width characters: invisible on the page, and they
/// would split "$4 bil\u{ad}lion" for the rules.
fn strip_invisible(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !matches!(
                c,
                '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
            )
        })
        .collect()
}

/// Visible text length of every element, in one pass.
fn text_lengths(doc: &Html) -> HashMap<NodeId, usize> {
    let mut lengths = HashMap::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut hidden = 0usize;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(n) => match n.value() {
                Node::Element(e) => {
                    if NEVER_TEXT.contains(&e.name()) {
                        hidden += 1;
                    }
                    stack.push(0);
                }
                Node::Text(t) if hidden == 0 => {
                    if let Some(top) = stack.last_mut() {
                        *top += t.trim().chars().count();
                    }
                }
                _ => {}
            },
            Edge::Close(n) => {
                if let Node::Element(e) = n.value() {
                    if NEVER_TEXT.contains(&e.name()) {
                        hidden -= 1;
                    }
                    let len = stack.pop().unwrap_or(0);
                    if let Some(top) = stack.last_mut() {
                        *top += len;
                    }
                    lengths.insert(n.id(), len);
                }
            }
        }
    }
    lengths
}

fn words(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_ascii_lowercase())
}

/// Is this element page furniture rather than article text? `share` is its
/// part of the root's text: furniture by role, class or tag is kept when it
/// holds half the text or more.
fn is_furniture(e: &Element, share: f64) -> bool {
    if NEVER_TEXT.contains(&e.name()) {
        return true;
    }
    if e.attr("hidden").is_some()
        || e.attr("aria-hidden")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    {
        return true;
    }
    if let Some(style) = e.attr("style") {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return true;
        }
    }
    if share >= 0.5 {
        return false;
    }
    if FURNITURE.contains(&e.name()) {
        return true;
    }
    if e.attr("role")
        .is_some_and(|r| FURNITURE_ROLES.contains(&r.to_ascii_lowercase().as_str()))
    {
        return true;
    }
    let marked = |s: Option<&str>| {
        s.is_some_and(|s| words(s).any(|w| FURNITURE_WORDS.contains(&w.as_str())))
    };
    marked(e.attr("class")) || marked(e.attr("id"))
}

/// The element whose text is the article.
fn content_root<'a>(doc: &'a Html, lengths: &HashMap<NodeId, usize>) -> Option<ElementRef<'a>> {
    let len = |e: &ElementRef| lengths.get(&e.id()).copied().unwrap_or(0);
    let elements = || doc.tree.nodes().filter_map(ElementRef::wrap);
    // The first of the longest, in document order.
    let best = |pick: &dyn Fn(&Element) -> bool| {
        elements()
            .filter(|e| pick(e.value()))
            .fold(None::<ElementRef>, |best, e| match best {
                Some(b) if len(&b) >= len(&e) => Some(b),
                _ => Some(e),
            })
            .filter(|e| len(e) >= MIN_ARTICLE_CHARS)
    };
    best(&|e| e.name() == "article" || e.attr("itemprop") == Some("articleBody"))
        .or_else(|| best(&|e| e.name() == "main" || e.attr("role") == Some("main")))
        .or_else(|| elements().find(|e| e.value().name() == "body"))
}

/// The readable text under `root`, furniture dropped.
fn text_under(root: ElementRef, lengths: &HashMap<NodeId, usize>, b: &mut Builder) {
    let root_len = lengths.get(&root.id()).copied().unwrap_or(0).max(1) as f64;
    let mut skipping: Option<NodeId> = None;
    for edge in root.traverse() {
        match edge {
            Edge::Open(n) => {
                if skipping.is_some() {
                    continue;
                }
                match n.value() {
                    Node::Element(e) => {
                        let share = lengths.get(&n.id()).copied().unwrap_or(0) as f64 / root_len;
                        if n.id() != root.id() && is_furniture(e, share) {
                            skipping = Some(n.id());
                            continue;
                        }
                        match e.name() {
                            "td" | "th" => b.brk(Break::Cell),
                            "pre" => {
                                b.brk(Break::Paragraph);
                                b.pre += 1;
                            }
                            name => b.brk(break_of(name)),
                        }
                    }
                    Node::Text(t) => b.text(t),
                    _ => {}
                }
            }
            Edge::Close(n) => {
                if skipping == Some(n.id()) {
                    skipping = None;
                    continue;
                }
                if skipping.is_some() {
                    continue;
                }
                if let Node::Element(e) = n.value() {
                    if e.name() == "pre" {
                        b.pre = b.pre.saturating_sub(1);
                    }
                    if !matches!(e.name(), "td" | "th" | "br") {
                        b.brk(break_of(e.name()));
                    }
                }
            }
        }
    }
}

/// The text of an element, squeezed.
fn plain(e: ElementRef) -> Option<String> {
    clean(&e.text().collect::<String>())
}

/// The article text and metadata of a page.
pub fn page(html: &str) -> Page {
    let doc = Html::parse_document(html);
    let lengths = text_lengths(&doc);
    let root = content_root(&doc, &lengths);
    let elements = || doc.tree.nodes().filter_map(ElementRef::wrap);
    let ld = json_ld(&doc);
    let metas = Metas::of(&doc);
    let mut b = Builder::default();
    // The headline sits above the article on many pages: put it first.
    let root_has_h1 =
        root.is_some_and(|r| r.descendent_elements().any(|e| e.value().name() == "h1"));
    let headline = elements()
        .find(|e| e.value().name() == "h1")
        .and_then(plain);
    if !root_has_h1 {
        if let Some(h) = &headline {
            b.text(h);
            b.brk(Break::Paragraph);
        }
    }
    if let Some(r) = root {
        text_under(r, &lengths, &mut b);
    }
    let mut text = b.out;
    // A page that renders its article with script has little text but
    // often the whole article in its JSON-LD.
    if text.chars().count() < MIN_ARTICLE_CHARS {
        if let Some(body) = ld.body.as_deref().and_then(clean_paragraphs) {
            if body.len() > text.len() {
                text = match &headline {
                    Some(h) if !body.starts_with(h.as_str()) => format!("{h}\n\n{body}"),
                    _ => body,
                };
            }
        }
    }
    let mut meta = Meta {
        title: headline
            .or(ld.headline.clone())
            .or_else(|| metas.content(&["og:title", "twitter:title"]))
            .or_else(|| {
                elements()
                    .find(|e| e.value().name() == "title")
                    .and_then(plain)
            }),
        url: metas
            .content(&["og:url"])
            .or_else(|| {
                elements()
                    .find(|e| {
                        e.value().name() == "link"
                            && e.value()
                                .attr("rel")
                                .is_some_and(|r| words(r).any(|w| w == "canonical"))
                    })
                    .and_then(|e| e.value().attr("href").and_then(clean))
            })
            .or(ld.url.clone())
            .filter(|u| domain(u).is_some()),
        ..Meta::default()
    };
    if let Some(site) = metas.content(&["og:site_name", "application-name"]) {
        meta.source = Some(site);
        meta.source_from = Some("og:site_name".into());
    } else if let Some(p) = &ld.publisher {
        meta.source = Some(p.clone());
        meta.source_from = Some("JSON-LD publisher".into());
    }
    let (published, from) = published(&doc, &metas, &ld, root);
    meta.published = published;
    meta.published_from = from;
    Page {
        text,
        meta: meta.with_domain_as_source(),
    }
}

/// Paragraphs of a plain-text field, each squeezed to single spaces.
fn clean_paragraphs(s: &str) -> Option<String> {
    let paras: Vec<String> = s
        .split("\n\n")
        .flat_map(|p| p.split('\n'))
        .filter_map(clean)
        .collect();
    (!paras.is_empty()).then(|| paras.join("\n\n"))
}

/// A page's `<meta property|name|itemprop=KEY content=…>` tags, keys in
/// lower case, read once.
struct Metas<'a>(Vec<(String, &'a str)>);

impl<'a> Metas<'a> {
    fn of(doc: &'a Html) -> Metas<'a> {
        Metas(
            doc.tree
                .nodes()
                .filter_map(ElementRef::wrap)
                .filter(|e| e.value().name() == "meta")
                .filter_map(|e| {
                    let v = e.value();
                    let key = v
                        .attr("property")
                        .or(v.attr("name"))
                        .or(v.attr("itemprop"))?;
                    Some((key.trim().to_ascii_lowercase(), v.attr("content")?))
                })
                .collect(),
        )
    }

    /// The content of the first key present, in the order given.
    fn content(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|k| {
            self.0
                .iter()
                .find(|(key, _)| key == k)
                .and_then(|(_, c)| clean(c))
        })
    }
}

/// Meta names that carry a publication date, in order of trust.
const DATE_META: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "dcterms.issued",
    "citation_publication_date",
    "date",
];

/// The publication date as written, and where it was found: JSON-LD
/// datePublished, then the meta tags, then an element marked
/// `itemprop=datePublished`, then the first `<time datetime>` in the article.
fn published(
    doc: &Html,
    metas: &Metas,
    ld: &JsonLd,
    root: Option<ElementRef>,
) -> (Option<String>, Option<String>) {
    if let Some(d) = &ld.date {
        return (Some(d.clone()), Some("JSON-LD datePublished".into()));
    }
    for key in DATE_META {
        if let Some(d) = metas.content(&[key]) {
            return (Some(d), Some(format!("meta {key}")));
        }
    }
    let elements = || doc.tree.nodes().filter_map(ElementRef::wrap);
    if let Some(d) = elements()
        .filter(|e| e.value().attr("itemprop") == Some("datePublished"))
        .find_map(|e| {
            let v = e.value();
            v.attr("datetime")
                .or(v.attr("content"))
                .and_then(clean)
                .or_else(|| plain(e))
        })
    {
        return (Some(d), Some("itemprop datePublished".into()));
    }
    let time = |e: &ElementRef| {
        (e.value().name() == "time")
            .then(|| e.value().attr("datetime").and_then(clean))
            .flatten()
    };
    if let Some(d) = root.and_then(|r| r.descendent_elements().find_map(|e| time(&e))) {
        return (Some(d), Some("<time datetime>".into()));
    }
    (None, None)
}

/// What a page's JSON-LD says about its article.
#[derive(Debug, Default)]
struct JsonLd {
    date: Option<String>,
    headline: Option<String>,
    publisher: Option<String>,
    url: Option<String>,
    body: Option<String>,
}

const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "BackgroundNewsArticle",
    "OpinionNewsArticle",
    "ReviewNewsArticle",
    "BlogPosting",
    "Report",
    "TechArticle",
    "LiveBlogPosting",
];

/// The first article object in the page's `application/ld+json` scripts
/// (objects, arrays and `@graph` lists are searched); invalid JSON is
/// ignored, as a browser would.
fn json_ld(doc: &Html) -> JsonLd {
    let scripts = doc.tree.nodes().filter_map(ElementRef::wrap).filter(|e| {
        e.value().name() == "script"
            && e.value()
                .attr("type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
    });
    for s in scripts {
        let source: String = s.text().collect();
        let Ok(value) = serde_json::from_str::<serde_json::Value>(&source) else {
            continue;
        };
        if let Some(a) = find_article(&value, 0) {
            let text = |key: &str| a.get(key).and_then(|v| v.as_str()).and_then(clean);
            let publisher = match a.get("publisher") {
                Some(serde_json::Value::Array(list)) => list.first(),
                other => other,
            };
            return JsonLd {
                date: text("datePublished").or_else(|| text("dateCreated")),
                headline: text("headline").or_else(|| text("name")),
                publisher: publisher.and_then(|p| match p {
                    serde_json::Value::String(s) => clean(s),
                    p => p.get("name").and_then(|n| n.as_str()).and_then(clean),
                }),
                url: text("url").or_else(|| {
                    a.get("mainEntityOfPage")
                        .and_then(|m| m.get("@id").or(Some(m)))
                        .and_then(|v| v.as_str())
                        .and_then(clean)
                }),
                body: a
                    .get("articleBody")
                    .and_then(|v| v.as_str())
                    .map(str::to_string),
            };
        }
    }
    JsonLd::default()
}

fn find_article(
    v: &serde_json::Value,
    depth: usize,
) -> Option<&serde_json::Map<String, serde_json::Value>> {
    if depth > 8 {
        return None;
    }
    match v {
        serde_json::Value::Array(items) => items.iter().find_map(|i| find_article(i, depth + 1)),
        serde_json::Value::Object(o) => {
            let is_article = match o.get("@type") {
                Some(serde_json::Value::String(t)) => ARTICLE_TYPES.contains(&t.as_str()),
                Some(serde_json::Value::Array(ts)) => ts
                    .iter()
                    .any(|t| t.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t))),
                _ => false,
            };
            if is_article {
                return Some(o);
            }
            o.get("@graph").and_then(|g| find_article(g, depth + 1))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_keep_their_breaks_and_cells_do_not_run_together() {
        let p = page(
            "<html><body><main><h2>Deal</h2><p>Amazon  invested\n $4&nbsp;billion.</p>\
             <table><tr><th>Total Investment</th><th>$4 Billion</th></tr>\
             <tr><td>Stake</td><td>minority</td></tr></table>\
             <ul><li>one</li><li>two<br>three</li></ul></main></body></html>",
        );
        assert_eq!(
            p.text,
            "Deal\n\nAmazon invested $4 billion.\n\nTotal Investment | $4 Billion\nStake | minority\n\none\ntwo\nthree"
        );
    }

    #[test]
    fn furniture_is_dropped_but_a_page_wrapped_in_a_form_is_not() {
        let p = page(
            "<body><nav>Home | World</nav><div class=\"cookie-banner\">We use cookies</div>\
             <p>Acme raised $5 million.</p><div class=\"ad-slot\">Advertisement</div>\
             <div hidden>secret</div><footer>© 2024</footer><script>var x = '$9 billion';</script></body>",
        );
        assert_eq!(p.text, "Acme raised $5 million.");
        let p =
            page("<body><form><p>Acme raised $5 million in a round led by Beta.</p></form></body>");
        assert_eq!(p.text, "Acme raised $5 million in a round led by Beta.");
    }

    #[test]
    fn deep_nesting_does_not_recurse() {
        let html = format!(
            "{}deep text{}",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        );
        assert!(page(&html).text.contains("deep text"));
    }

    #[test]
    fn metadata_from_json_ld_meta_and_time() {
        let p = page(
            r#"<html><head><meta property="og:site_name" content="Example News">
            <meta property="og:url" content="https://www.example.com/a">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite"},{"@type":"NewsArticle","datePublished":"2024-11-22T14:03:00Z","headline":"H"}]}</script>
            </head><body><h1>Big deal</h1><p>Text.</p></body></html>"#,
        );
        assert_eq!(p.meta.published.as_deref(), Some("2024-11-22T14:03:00Z"));
        assert_eq!(
            p.meta.published_from.as_deref(),
            Some("JSON-LD datePublished")
        );
        assert_eq!(p.meta.source.as_deref(), Some("Example News"));
        assert_eq!(p.meta.title.as_deref(), Some("Big deal"));
        assert_eq!(p.text, "Big deal\n\nText.");
        let p = page(
            r#"<head><meta name="pubdate" content="2023-09-25"><link rel="canonical" href="https://news.site.org/x"></head>
            <body><article><time datetime="2020-01-01">old</time><p>Text.</p></article></body>"#,
        );
        assert_eq!(p.meta.published.as_deref(), Some("2023-09-25"));
        assert_eq!(p.meta.published_from.as_deref(), Some("meta pubdate"));
        assert_eq!(p.meta.source.as_deref(), Some("news.site.org"));
        let p = page(
            r#"<body><article><time datetime="2020-01-01">Jan 1</time><p>Text.</p></article></body>"#,
        );
        assert_eq!(p.meta.published.as_deref(), Some("2020-01-01"));
        assert_eq!(p.meta.published_from.as_deref(), Some("<time datetime>"));
    }
}
