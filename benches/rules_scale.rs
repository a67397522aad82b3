//! How extraction time grows with the number of rules (issue: "cost of
//! rules"). The default rules, then 10× and 100× as many: the extra rules
//! are generated in the default set's proportions, of the kinds users add
//! (patterns with words of their own, entity aliases, claim triggers, cues),
//! so most of them cannot match a given article: that is what the combined
//! matchers (one prefilter pass for all patterns, one automaton for all
//! aliases and trigger words) make cheap. Figures go in BENCHMARKS.md.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use crosscheck::pipeline::analyze;
use crosscheck::rules::{Layer, RuleSet, RuleSource};
use std::hint::black_box;
use std::time::Instant;

#[path = "common/mod.rs"]
mod common;
use common::corpus;

/// `copies` × the default rule count of generated rules, as one layer.
fn generated(copies: usize) -> Layer {
    let builtin = RuleSet::builtin().unwrap();
    let mut toml = String::new();
    for k in 0..copies {
        for (i, r) in builtin.rules.iter().enumerate() {
            let tag = format!("zq{k}x{i}");
            let rule = match r.table {
                "pattern" => match i % 3 {
                    0 => format!(
                        "[[pattern]]\nname = \"{tag}\"\nkind = \"money\"\nregex = '''{{cur_prefix}}{{number}}\\s*(?i:{tag}s?)\\b'''\n"
                    ),
                    1 => format!(
                        "[[pattern]]\nname = \"{tag}\"\nkind = \"date\"\nregex = '''(?i:{tag}\\s+period)\\s+(?P<year>(?:19|20)\\d{{2}})'''\n"
                    ),
                    _ => format!(
                        "[[pattern]]\nname = \"{tag}\"\nkind = \"percent\"\nregex = '''{{number}}\\s*(?i:{tag}pts)'''\n"
                    ),
                },
                "trigger" => format!(
                    "[[trigger]]\nname = \"{tag}\"\npredicate = \"{tag}s\"\nwords = [\"{tag}ed\", \"{tag}ing\"]\nobject_preps = [\"in\"]\n"
                ),
                "cue" => format!(
                    "[[cue]]\nname = \"{tag}\"\nsets = \"label\"\nwords = [\"{tag}ly\"]\n"
                ),
                _ => format!(
                    "[[entity]]\nname = \"{tag}\"\ncanonical = \"{tag} Holdings\"\ntype = \"org\"\naliases = [\"Zq{k}x{i} Holdings\", \"ZQ{k}X{i}\"]\n"
                ),
            };
            toml.push_str(&rule);
            toml.push_str("examples = [{ text = \"generated\", none = true }]\n\n");
        }
    }
    Layer {
        name: format!("generated ×{copies}"),
        sources: vec![RuleSource {
            path: "generated.toml".into(),
            text: toml,
        }],
    }
}

fn scale(c: &mut Criterion) {
    let docs = corpus();
    let bytes: usize = docs.iter().map(String::len).sum();
    let mut g = c.benchmark_group("rules");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(20);
    for factor in [1usize, 10, 100] {
        let mut layers = vec![RuleSet::builtin_layer()];
        if factor > 1 {
            layers.push(generated(factor - 1));
        }
        let t = Instant::now();
        let rules = RuleSet::from_layers(&layers).unwrap();
        eprintln!(
            "{factor}x: {} rules, {} patterns ({} without a literal), loaded in {:.2?}",
            rules.rules.len(),
            rules.patterns.len(),
            rules.prefilter.unfiltered(),
            t.elapsed()
        );
        g.bench_function(format!("analyze/{factor}x"), |b| {
            b.iter(|| {
                docs.iter()
                    .map(|t| analyze(black_box(t), &rules, None).claims.len())
                    .sum::<usize>()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, scale);
criterion_main!(benches);
