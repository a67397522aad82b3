//! The corpus generator behind `examples/gen_corpus.rs`, shared with the
//! tests that need a corpus bigger than the sample (the Spark test): see
//! that example for what it writes and how.

use crosscheck::extract::{Kind, Mention};
use crosscheck::pipeline::analyze;
use crosscheck::rules::RuleSet;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// splitmix64: small, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// Companies that stand in for the sample's entities.
const COMPANIES: &[&str] = &[
    "Northwind Capital",
    "Helios Robotics",
    "Meridian Health",
    "Bluefin Labs",
    "Orchard Systems",
    "Cobalt Energy",
    "Tessera Bio",
    "Vantage Motors",
    "Lumen Analytics",
    "Granite Partners",
    "Silverline Bank",
    "Aurora Semiconductors",
    "Kestrel Aerospace",
    "Pioneer Foods",
    "Quantum Harbor",
    "Redwood Ventures",
    "Solstice Media",
    "Tidewater Logistics",
    "Umbra Security",
    "Verdant Farms",
    "Wavecrest Networks",
    "Zephyr Mobility",
    "Alder Group",
    "Beacon Therapeutics",
    "Cascade Cloud",
    "Delta Forge",
    "Ember Games",
    "Fjord Shipping",
    "Golden Gate Holdings",
    "Horizon Pharma",
    "Ironclad Data",
    "Juniper Retail",
    "Keystone Insurance",
    "Lattice AI",
    "Mosaic Brands",
    "Nimbus Compute",
    "Obsidian Mining",
    "Polaris Telecom",
    "Quill Software",
    "Riverstone Equity",
    "Sequoia Grove Capital",
    "Trident Materials",
    "Unity Grid",
    "Vector Dynamics",
    "Willow Education",
    "Xenon Optics",
    "Yellowtail Travel",
    "Zenith Chips",
    "Atlas Biotech",
    "Brightwater Utilities",
];

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// One piece of a sentence template: literal text or a slot.
enum Piece {
    Text(String),
    Entity(String),
    Money(String),
    Date(String),
}

/// A deal: who stands for whom, how amounts scale, how years shift.
struct Deal {
    names: BTreeMap<String, &'static str>,
    scale: f64,
    year_shift: i32,
    year: i32,
}

fn templates(rules: &RuleSet) -> (Vec<Vec<Piece>>, Vec<String>) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus/ is part of the repository")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let mut out = Vec::new();
    let mut entities = std::collections::BTreeSet::new();
    for f in files {
        let text = std::fs::read_to_string(&f).expect("corpus files are UTF-8");
        let a = analyze(&text, rules, None);
        let mut mentions: Vec<&Mention> = a
            .mentions
            .iter()
            .filter(|m| matches!(m.kind, Kind::Entity | Kind::Money | Kind::Date))
            .collect();
        mentions.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
        for s in &a.tokens.sentences {
            let mut pieces = Vec::new();
            let mut at = s.span.start;
            for m in mentions
                .iter()
                .filter(|m| m.span.start >= s.span.start && m.span.end <= s.span.end)
            {
                if m.span.start < at {
                    continue;
                }
                pieces.push(Piece::Text(text[at..m.span.start].to_string()));
                let t = text[m.span.start..m.span.end].to_string();
                pieces.push(match m.kind {
                    Kind::Entity => {
                        let name = t.trim_end_matches("’s").trim_end_matches("'s");
                        entities.insert(name.to_string());
                        Piece::Entity(t)
                    }
                    Kind::Money => Piece::Money(t),
                    _ => Piece::Date(t),
                });
                at = m.span.end;
            }
            pieces.push(Piece::Text(text[at..s.span.end].to_string()));
            out.push(pieces);
        }
    }
    (out, entities.into_iter().collect())
}

fn deal(rng: &mut Rng, entities: &[String]) -> Deal {
    let mut pool: Vec<&'static str> = COMPANIES.to_vec();
    let mut names = BTreeMap::new();
    for e in entities {
        // A few well-known names stay as they are, as in real coverage.
        if rng.chance(10) {
            continue;
        }
        let i = rng.below(pool.len());
        names.insert(e.clone(), pool.swap_remove(i));
        if pool.is_empty() {
            pool = COMPANIES.to_vec();
        }
    }
    Deal {
        names,
        scale: [0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 5.0][rng.below(7)],
        year_shift: rng.below(11) as i32 - 8,
        year: 2016 + rng.below(10) as i32,
    }
}

/// "$4 billion" scaled: the first number in the text is replaced.
fn money(t: &str, deal: &Deal, rng: &mut Rng) -> String {
    let start = match t.find(|c: char| c.is_ascii_digit()) {
        Some(s) => s,
        None => return t.to_string(),
    };
    let end = t[start..]
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .map_or(t.len(), |e| start + e);
    let n: f64 = match t[start..end].replace(',', "").parse() {
        Ok(n) => n,
        Err(_) => return t.to_string(),
    };
    // Most sources repeat the deal's figure; some get it wrong.
    let wrong = if rng.chance(8) { 2.0 } else { 1.0 };
    let v = n * deal.scale * wrong;
    let s = if v.fract() == 0.0 || v >= 100.0 {
        format!("{}", v.round() as i64)
    } else {
        format!("{v:.2}")
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string()
    };
    format!("{}{}{}", &t[..start], s, &t[end..])
}

/// Years in a date shift with the deal.
fn date(t: &str, deal: &Deal) -> String {
    let mut out = String::with_capacity(t.len());
    let b = t.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let four = i + 4 <= b.len()
            && b[i..i + 4].iter().all(u8::is_ascii_digit)
            && (i + 4 == b.len() || !b[i + 4].is_ascii_digit())
            && (i == 0 || !b[i - 1].is_ascii_digit());
        if four {
            let y: i32 = t[i..i + 4].parse().unwrap_or(2024);
            out.push_str(&(y + deal.year_shift).to_string());
            i += 4;
        } else {
            let c = t[i..].chars().next().unwrap_or(' ');
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

fn article(templates: &[Vec<Piece>], deal: &Deal, rng: &mut Rng) -> String {
    let mut out = String::new();
    let month = MONTHS[rng.below(12)];
    out.push_str(&format!(
        "Published {} {}, {}\n\n",
        month,
        1 + rng.below(28),
        deal.year
    ));
    let sentences = 12 + rng.below(40);
    for i in 0..sentences {
        for p in &templates[rng.below(templates.len())] {
            match p {
                Piece::Text(t) => out.push_str(t),
                Piece::Entity(e) => {
                    // An entity's span may take its possessive along.
                    let (name, tail) = ["’s", "'s"]
                        .iter()
                        .find_map(|p| e.strip_suffix(p).map(|n| (n, *p)))
                        .unwrap_or((e.as_str(), ""));
                    out.push_str(deal.names.get(name).copied().unwrap_or(name));
                    out.push_str(tail);
                }
                Piece::Money(m) => out.push_str(&money(m, deal, rng)),
                Piece::Date(d) => out.push_str(&date(d, deal)),
            }
        }
        out.push(if i % 5 == 4 { '\n' } else { ' ' });
    }
    out.push('\n');
    out
}

/// Write articles of about `bytes` bytes in all under `dir` (folders of
/// 1,000); the number of articles and bytes written.
pub fn write_corpus(dir: &Path, bytes: u64, seed: u64) -> Result<(usize, u64), String> {
    let rules = RuleSet::builtin().map_err(|e| format!("built-in rules: {e}"))?;
    let (templates, entities) = templates(&rules);
    let mut rng = Rng(seed);
    // Fewer deals than articles: each deal is covered by many articles.
    let deals: Vec<Deal> = (0..2_000).map(|_| deal(&mut rng, &entities)).collect();
    let (mut written, mut n) = (0u64, 0usize);
    while written < bytes {
        let sub = dir.join(format!("{:03}", n / 1000));
        if n % 1000 == 0 {
            std::fs::create_dir_all(&sub)
                .map_err(|e| format!("cannot create {}: {e}", sub.display()))?;
        }
        let d = &deals[rng.below(deals.len())];
        let text = article(&templates, d, &mut rng);
        let path = sub.join(format!("a{n:07}.txt"));
        std::fs::File::create(&path)
            .and_then(|mut f| f.write_all(text.as_bytes()))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written += text.len() as u64;
        n += 1;
    }
    Ok((n, written))
}
