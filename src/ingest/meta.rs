//! What a document says about itself besides its text: title, source name,
//! address and publication date, each with where it was found, so the
//! report can show "Reuters (2024-11-22)" instead of a file path and say why.

/// A document's metadata. Every field is optional: a plain .txt file has
/// none (its date may still come from its header, see `docdate`).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Meta {
    pub title: Option<String>,
    /// The publication's name ("Reuters", "reuters.com").
    pub source: Option<String>,
    /// Where the source name came from ("JSON field source.name",
    /// "og:site_name", "JSON-LD publisher", "URL domain").
    pub source_from: Option<String>,
    pub url: Option<String>,
    /// The publication date as written ("2024-11-22T14:03:00Z",
    /// "Fri, 22 Nov 2024 14:03:00 GMT", 1732284180); the pipeline reads it.
    pub published: Option<String>,
    /// Where the date came from ("JSON field publishedAt",
    /// "meta article:published_time", "JSON-LD datePublished", "<time datetime>").
    pub published_from: Option<String>,
}

impl Meta {
    pub fn is_empty(&self) -> bool {
        *self == Meta::default()
    }

    /// Fill what `self` lacks from `other` (a JSON record's fields come
    /// first, then what the HTML page inside it says).
    pub fn or(mut self, other: Meta) -> Meta {
        if self.title.is_none() {
            self.title = other.title;
        }
        if self.source.is_none() {
            self.source = other.source;
            self.source_from = other.source_from;
        }
        if self.url.is_none() {
            self.url = other.url;
        }
        if self.published.is_none() {
            self.published = other.published;
            self.published_from = other.published_from;
        }
        self
    }

    /// With no source name, the address's domain stands in for it.
    pub fn with_domain_as_source(mut self) -> Meta {
        if self.source.is_none() {
            if let Some(host) = self.url.as_deref().and_then(domain) {
                self.source = Some(host);
                self.source_from = Some("URL domain".into());
            }
        }
        self
    }
}

/// The host of an http(s) address without "www." ("https://www.reuters.com/x"
/// → "reuters.com"); `None` for what is not such an address.
pub fn domain(url: &str) -> Option<String> {
    let url = url.trim();
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        url.strip_prefix("//")?
    };
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    let host = host.split(':').next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let valid = !host.is_empty()
        && host.contains('.')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    valid.then(|| host.to_string())
}

/// Text squeezed to single spaces, `None` when nothing is left.
pub fn clean(s: &str) -> Option<String> {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains_of_addresses() {
        assert_eq!(
            domain("https://www.reuters.com/technology/x?a=1").as_deref(),
            Some("reuters.com")
        );
        assert_eq!(
            domain("HTTP://User@News.Example.co.uk:8080").as_deref(),
            Some("news.example.co.uk")
        );
        assert_eq!(domain("//cdn.site.org/a").as_deref(), Some("cdn.site.org"));
        assert_eq!(domain("ftp://x.org"), None);
        assert_eq!(domain("reuters"), None);
        assert_eq!(domain("https://"), None);
        assert_eq!(domain("https://bad host.com/"), None);
    }

    #[test]
    fn record_fields_come_before_page_fields() {
        let record = Meta {
            source: Some("Reuters".into()),
            source_from: Some("JSON field source".into()),
            ..Meta::default()
        };
        let page = Meta {
            source: Some("reuters.com".into()),
            title: Some("T".into()),
            url: Some("https://www.reuters.com/a".into()),
            ..Meta::default()
        };
        let m = record.or(page);
        assert_eq!(m.source.as_deref(), Some("Reuters"));
        assert_eq!(m.title.as_deref(), Some("T"));
        let m = Meta {
            url: Some("https://www.ft.com/content/1".into()),
            ..Meta::default()
        }
        .with_domain_as_source();
        assert_eq!(m.source.as_deref(), Some("ft.com"));
        assert_eq!(m.source_from.as_deref(), Some("URL domain"));
    }
}
