//! Messy folders: a symlink loop, a dangling link, a file without read
//! permission, a 10 MB article with no newline, 100,000 tiny files. Every
//! file is accounted for (processed, or skipped with its reason), the totals
//! add up, and nothing panics.

use crate::support::{run_to, stderr, temp_dir};
use serde_json::Value;

fn facts(out: &std::path::Path) -> Value {
    serde_json::from_slice(&std::fs::read(out.join("facts.json")).unwrap()).unwrap()
}

fn doc<'a>(f: &'a Value, name: &str) -> &'a Value {
    f["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["doc"] == name)
        .unwrap_or_else(|| panic!("{name} is listed"))
}

#[cfg(unix)]
#[test]
fn links_loops_and_permissions_are_accounted_for() {
    use std::os::unix::fs::{symlink, PermissionsExt};
    let dir = temp_dir("messy-links");
    let arts = dir.join("articles");
    std::fs::create_dir_all(arts.join("sub")).unwrap();
    std::fs::write(
        arts.join("good.txt"),
        "Acme invested $4 billion in Beta Labs.",
    )
    .unwrap();
    symlink(&arts, arts.join("sub/loop")).unwrap();
    symlink(arts.join("gone.txt"), arts.join("dangling.txt")).unwrap();
    let locked = arts.join("locked.txt");
    std::fs::write(&locked, "Acme invested $5 billion in Beta Labs.").unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let readable_anyway = std::fs::read(&locked).is_ok(); // root ignores permissions
    let out = dir.join("out");
    let o = run_to(&arts, &out);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let f = facts(&out);
    assert_eq!(doc(&f, "good.txt")["status"], "ok");
    assert_eq!(doc(&f, "sub/loop")["reason"], "symbolic link loop");
    assert!(doc(&f, "dangling.txt")["reason"]
        .as_str()
        .unwrap()
        .starts_with("cannot read"));
    let locked = doc(&f, "locked.txt");
    if readable_anyway {
        assert_eq!(locked["status"], "ok");
    } else {
        assert!(
            locked["reason"]
                .as_str()
                .unwrap()
                .contains("ermission denied"),
            "{locked}"
        );
    }
    let s = &f["summary"];
    assert_eq!(
        s["processed"].as_u64().unwrap() + s["skipped"].as_u64().unwrap(),
        s["documents"].as_u64().unwrap()
    );
    assert_eq!(s["documents"], 4);
}

#[test]
fn a_10_mb_article_without_a_newline_is_processed() {
    let dir = temp_dir("messy-long-line");
    // The sample articles, their line breaks turned into spaces, repeated to
    // 10 MB on one line.
    let one: String = crate::support::corpus_files()
        .iter()
        .map(|p| {
            std::fs::read_to_string(p)
                .unwrap()
                .replace(['\n', '\r'], " ")
        })
        .collect::<Vec<_>>()
        .join(" ");
    let text = one.repeat(10 * 1024 * 1024 / one.len() + 1);
    assert!(!text.contains('\n') && text.len() >= 10 * 1024 * 1024);
    std::fs::write(dir.join("long.txt"), &text).unwrap();
    let out = dir.join("out");
    let o = run_to(&dir, &out);
    assert!(o.status.success(), "{}", stderr(&o));
    let f = facts(&out);
    assert_eq!(doc(&f, "long.txt")["status"], "ok");
    assert!(doc(&f, "long.txt")["mentions"].as_u64().unwrap() > 100_000);
    assert!(f["summary"]["claims"].as_u64().unwrap() > 5_000);
}

#[test]
fn a_folder_of_100000_tiny_files_is_counted_exactly() {
    let dir = temp_dir("messy-many");
    let arts = dir.join("articles");
    for shard in 0..100 {
        let d = arts.join(format!("{shard:02}"));
        std::fs::create_dir_all(&d).unwrap();
        for i in 0..1000 {
            let text = if i % 100 == 0 {
                format!("Acme invested ${} million in Beta Labs.", shard + 1)
            } else {
                "No figures here.".to_string()
            };
            std::fs::write(d.join(format!("{i:04}.txt")), text).unwrap();
        }
    }
    let out = dir.join("out");
    let o = run_to(&arts, &out);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = &facts(&out)["summary"];
    assert_eq!(s["documents"], 100_000);
    assert_eq!(s["processed"], 100_000);
    assert_eq!(s["claims"], 1000);
}

#[test]
fn a_file_larger_than_a_piece_keeps_exact_offsets() {
    // 24 MB of real articles in one file: analysed in 1 MB pieces (cut at
    // paragraph breaks), in parallel; every claim's offsets still point at
    // its text in the file, and the file's date is the first piece's.
    let dir = temp_dir("large-file");
    let mut text = String::from("Published March 3, 2025\n\n");
    let articles: Vec<String> = crate::support::corpus_files()
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    while text.len() < 24 << 20 {
        for a in &articles {
            text.push_str(a);
            text.push_str("\n\n");
        }
    }
    std::fs::write(dir.join("large.txt"), &text).unwrap();
    let out = temp_dir("large-file-out");
    let o = run_to(&dir, &out);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let f = facts(&out);
    let d = doc(&f, "large.txt");
    assert_eq!(d["status"], "ok");
    assert_eq!(d["date"], "2025-03-03");
    let claims = d["claims"].as_u64().unwrap();
    // Each copy of the corpus states its 40 claims.
    assert!(
        claims
            >= 40 * (text.len() / (articles.iter().map(String::len).sum::<usize>())) as u64 * 9
                / 10,
        "{claims}"
    );
    let mut checked = 0;
    for fact in f["facts"].as_array().unwrap() {
        for c in fact["claims"].as_array().unwrap() {
            let (s, e) = (
                c["start"].as_u64().unwrap() as usize,
                c["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&text[s..e], c["text"].as_str().unwrap());
            checked += 1;
        }
    }
    assert_eq!(checked as u64, claims);
}
