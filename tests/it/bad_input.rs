//! Bad input is skipped with its reason, counted, and never panics.

use crate::support::{json_lines, run, run_to, stderr, stdout, temp_dir};
use serde_json::Value;

#[test]
fn every_file_is_accounted_for() {
    let dir = temp_dir("bad-input");
    std::fs::write(
        dir.join("good.txt"),
        "Acme Corp invested $4 billion in Beta Labs.",
    )
    .unwrap();
    std::fs::write(dir.join("image.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    std::fs::write(dir.join("latin1.txt"), b"Caf\xe9 Corp invested $4 billion.").unwrap();
    std::fs::write(dir.join("empty.md"), b"").unwrap();
    std::fs::write(dir.join("notes.txt~"), b"backup").unwrap();
    std::fs::write(dir.join(".hidden.txt"), b"hidden").unwrap();
    std::fs::write(dir.join("photo.png"), b"\x89PNG").unwrap();
    std::fs::create_dir_all(dir.join("nested/deeper")).unwrap();
    std::fs::write(
        dir.join("nested/deeper/more.txt"),
        "Acme Corp invested $8 billion in Beta Labs.",
    )
    .unwrap();
    let out = dir.join("out");
    let o = run_to(&dir, &out);
    assert_eq!(
        o.status.code(),
        Some(1),
        "some files skipped → exit 1; stderr: {}",
        stderr(&o)
    );
    let f: Value = serde_json::from_slice(&std::fs::read(out.join("facts.json")).unwrap()).unwrap();
    let docs = f["documents"].as_array().unwrap();
    let status = |name: &str| {
        docs.iter()
            .find(|d| d["doc"] == name)
            .unwrap_or_else(|| panic!("{name} listed: {docs:#?}"))
            .clone()
    };
    assert_eq!(status("good.txt")["status"], "ok");
    assert_eq!(status("empty.md")["status"], "ok");
    assert_eq!(status("nested/deeper/more.txt")["status"], "ok");
    assert!(status("image.txt")["reason"]
        .as_str()
        .unwrap()
        .starts_with("binary"));
    assert!(status("latin1.txt")["reason"]
        .as_str()
        .unwrap()
        .contains("invalid UTF-8 at byte 3"));
    assert_eq!(status("notes.txt~")["reason"], "editor backup");
    assert_eq!(status(".hidden.txt")["reason"], "hidden file");
    assert!(status("photo.png")["reason"]
        .as_str()
        .unwrap()
        .starts_with("not an article file"));
    let s = &f["summary"];
    assert_eq!(s["documents"], 8);
    assert_eq!(
        s["processed"].as_u64().unwrap() + s["skipped"].as_u64().unwrap(),
        8
    );
    assert!(stdout(&o).contains("SKIPPED"));
    // The two good articles still make a conflict.
    assert_eq!(f["facts"][0]["status"], "conflict");
}

#[test]
fn bom_and_crlf_keep_byte_offsets_exact() {
    let dir = temp_dir("bom-crlf");
    let text = "\u{feff}Acme Corp invested $4 billion in Beta Labs.\r\nIt added $1 billion more in March 2024.\r\n";
    std::fs::write(dir.join("a.txt"), text).unwrap();
    let o = run(&["extract", dir.to_str().unwrap()]);
    assert!(o.status.success());
    let ms = json_lines(&stdout(&o));
    assert!(ms.iter().any(|m| m["text"] == "$4 billion"));
    for m in ms {
        let (s, e) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            &text.as_bytes()[s..e],
            m["text"].as_str().unwrap().as_bytes()
        );
    }
}

#[test]
fn hostile_numbers_do_not_overflow() {
    let dir = temp_dir("hostile");
    let text = format!(
        "$$$$$$$$ and ${} billion and 1e999 dollars",
        "9".repeat(400)
    );
    std::fs::write(dir.join("a.txt"), &text).unwrap();
    let o = run(&["extract", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(!out.contains("inf") && !out.contains("NaN"), "{out}");
}

#[test]
fn a_missing_path_is_a_plain_error() {
    let o = run(&["run", "no/such/folder"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("no/such/folder") && err.contains("does not exist"),
        "{err}"
    );
}
