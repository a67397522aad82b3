//! report.html in a real browser: headless Chromium loads the page from disk,
//! runs its script, and the DOM it dumps shows the sample corpus's Amazon →
//! Anthropic conflict with its three values, filters that hide what they
//! should, and a hostile article shown as text (its markup never runs).
//!
//! .ci/run installs Debian's chromium when it is missing. In CI (CI=true) a
//! missing browser fails this test; on a developer's machine without one it
//! prints that it was skipped and why.

use crate::support::{corpus_files, run_to, stderr, temp_dir};
use std::path::{Path, PathBuf};
use std::process::Command;

const HOSTILE: &str = "Zeta Capital invested $7 million in Omega Labs, the firm said.\n\n\
<script>document.title='pwned';document.body.setAttribute('data-pwned','script')</script>\n\
<img src=x onerror=\"document.body.setAttribute('data-pwned','img')\"> & <b>bold</b>\n";

fn browser() -> Option<PathBuf> {
    if let Some(b) = std::env::var_os("CROSSCHECK_BROWSER") {
        return Some(PathBuf::from(b));
    }
    let path = std::env::var_os("PATH")?;
    for name in [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ] {
        for dir in std::env::split_paths(&path) {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// The DOM after the page's script ran, for `report.html#hash`.
fn dump(browser: &Path, page: &Path, hash: &str) -> String {
    let url = format!("file://{}{hash}", page.display());
    let o = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--virtual-time-budget=2000",
            "--dump-dom",
            &url,
        ])
        .output()
        .expect("the browser starts");
    let dom = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        dom.contains("<html"),
        "no DOM from {}: {}",
        browser.display(),
        String::from_utf8_lossy(&o.stderr)
    );
    dom
}

/// The opening tags of the fact articles: (status, hidden).
fn facts(dom: &str) -> Vec<(String, bool)> {
    dom.match_indices("<article class=\"fact ")
        .map(|(i, _)| {
            let tag = &dom[i..i + dom[i..].find('>').unwrap()];
            let status = tag["<article class=\"fact ".len()..]
                .split('"')
                .next()
                .unwrap()
                .to_string();
            (status, tag.contains(" hidden"))
        })
        .collect()
}

#[test]
fn the_review_page_works_in_a_real_browser() {
    let Some(browser) = browser() else {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("no browser found (chromium, chromium-browser, google-chrome or CROSSCHECK_BROWSER): .ci/run installs Debian's chromium");
        }
        eprintln!("SKIPPED the_review_page_works_in_a_real_browser: no chromium on PATH (install it, or set CROSSCHECK_BROWSER); CI runs it");
        return;
    };
    let dir = temp_dir("report-html");
    let articles = dir.join("articles");
    std::fs::create_dir_all(&articles).unwrap();
    for p in corpus_files() {
        std::fs::copy(&p, articles.join(p.file_name().unwrap())).unwrap();
    }
    std::fs::write(articles.join("hostile.txt"), HOSTILE).unwrap();
    let out = dir.join("out");
    let o = run_to(&articles, &out);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = out.join("report.html");
    let html = std::fs::read_to_string(&page).unwrap();
    // Self-contained: nothing is fetched.
    for remote in ["src=\"http", "href=\"http", "<link ", "@import", "src=\"//"] {
        assert!(!html.contains(remote), "report.html refers to {remote}");
    }

    let dom = dump(&browser, &page, "");
    assert!(
        dom.contains("data-ready=\"1\""),
        "the page's script did not run"
    );
    // The hostile article is text: its script and handler did nothing.
    let body = &dom[dom.find("<body").unwrap()..];
    let body_tag = &body[..body.find('>').unwrap()];
    assert!(
        !body_tag.contains("data-pwned"),
        "article markup ran: {body_tag}"
    );
    assert!(body_tag.contains("data-ready=\"1\""), "{body_tag}");
    assert!(dom.contains("<title>crosscheck report</title>"));
    assert!(
        dom.contains("&lt;script&gt;document.title='pwned'")
            || dom.contains("&lt;script&gt;document.title=&#39;pwned&#39;"),
        "the hostile script shows as text"
    );
    assert!(
        dom.contains("&lt;img src=x onerror="),
        "the hostile img shows as text"
    );
    // The conflict with its three values, conflicts first.
    let start = dom
        .find("Amazon invests in Anthropic (total)")
        .expect("the Amazon → Anthropic fact");
    let conflict = &dom[dom[..start].rfind("<article").unwrap()..];
    let conflict = &conflict[..conflict.find("</article>").unwrap()];
    assert!(
        conflict.starts_with("<article class=\"fact conflict\""),
        "{}",
        &conflict[..80]
    );
    for v in ["$4B", "$8B", "$33B"] {
        assert!(
            conflict.contains(&format!("<td class=\"v\">{v}</td>")),
            "value {v}"
        );
    }
    let all = facts(&dom);
    assert_eq!(all.first().map(|f| f.0.as_str()), Some("conflict"));
    assert!(all.iter().all(|f| !f.1), "nothing hidden without a filter");

    // Status filter, applied by the script from the address.
    let dom = dump(&browser, &page, "#status=consistent");
    let shown = facts(&dom);
    assert!(shown.iter().any(|(s, h)| s == "consistent" && !h));
    assert!(shown
        .iter()
        .filter(|(s, _)| s != "consistent")
        .all(|(_, h)| *h));
    // Entity filter and search.
    let dom = dump(&browser, &page, "#entity=Microsoft");
    let ms = dom
        .find("Microsoft invests in OpenAI")
        .expect("the Microsoft fact");
    let tag = &dom[dom[..ms].rfind("<article").unwrap()..];
    assert!(!tag[..tag.find('>').unwrap()].contains(" hidden"));
    assert!(
        facts(&dom).iter().any(|f| f.1),
        "facts without Microsoft are hidden"
    );
    let dom = dump(&browser, &page, "#q=Omega%20Labs");
    let visible: Vec<_> = facts(&dom).into_iter().filter(|f| !f.1).collect();
    assert_eq!(
        visible.len(),
        1,
        "only the hostile article's fact matches the search"
    );
}
