//! Benchmarks of the stages on the sample corpus (run `cargo bench`).
//! Figures are recorded in BENCHMARKS.md, never asserted in tests.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use crosscheck::pipeline::analyze;
use crosscheck::reconcile::{reconcile, SourcedClaim};
use crosscheck::rules::RuleSet;
use crosscheck::{extract, tokenize};
use std::hint::black_box;

fn corpus() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut docs: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    docs.sort();
    docs
}

fn stages(c: &mut Criterion) {
    let rules = RuleSet::builtin().unwrap();
    let docs = corpus();
    let bytes: usize = docs.iter().map(|(_, t)| t.len()).sum();
    let mut g = c.benchmark_group("corpus");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("tokenize", |b| {
        b.iter(|| {
            docs.iter()
                .map(|(_, t)| tokenize::tokenize(black_box(t)).sentences.len())
                .sum::<usize>()
        })
    });
    g.bench_function("extract", |b| {
        let toks: Vec<_> = docs.iter().map(|(_, t)| tokenize::tokenize(t)).collect();
        b.iter(|| {
            docs.iter()
                .zip(&toks)
                .map(|((_, t), k)| extract::extract(black_box(t), k, &rules).len())
                .sum::<usize>()
        })
    });
    g.bench_function("analyze", |b| {
        b.iter(|| {
            docs.iter()
                .map(|(_, t)| analyze(black_box(t), &rules, None).claims.len())
                .sum::<usize>()
        })
    });
    let claims: Vec<SourcedClaim> = docs
        .iter()
        .flat_map(|(n, t)| SourcedClaim::all(n, analyze(t, &rules, None).claims))
        .collect();
    g.bench_function("reconcile", |b| {
        b.iter(|| reconcile(black_box(&claims)).len())
    });
    g.finish();
    c.bench_function("load_rules", |b| {
        b.iter(|| RuleSet::builtin().unwrap().rules.len())
    });
}

criterion_group!(benches, stages);
criterion_main!(benches);
