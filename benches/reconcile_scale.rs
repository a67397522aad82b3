//! Reconciliation at scale: 10,000, 100,000 and 1,000,000 claims (run
//! `cargo bench --bench reconcile_scale`; figures in BENCHMARKS.md).
//!
//! The claims are the sample corpus's own, recombined: each copy gets one of
//! n/8 deals (a subject and an object), its document, and one in ten a
//! doubled value, so that facts have several claims from several documents
//! and many conflict — harder than real coverage, where most facts are
//! single-source. What is timed is `reconcile_table`: grouping, the
//! undated-tranche matching, status and reasons; building the table (the
//! pipeline does that while it reads) is set-up, and dropping the result
//! happens outside the timing.

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use crosscheck::claims::Claim;
use crosscheck::pipeline::analyze;
use crosscheck::reconcile::{reconcile_table, ClaimTable, Copies};
use crosscheck::rules::RuleSet;

#[path = "common/mod.rs"]
mod common;

fn templates() -> Vec<Claim> {
    let rules = RuleSet::builtin().unwrap();
    common::corpus()
        .iter()
        .flat_map(|t| analyze(t, &rules, None).claims)
        .collect()
}

/// `n` claims in a table, the same for every call.
pub fn table(templates: &[Claim], n: usize) -> ClaimTable {
    let mut table = ClaimTable::new();
    let mut x: u64 = 1;
    for i in 0..n {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let mut c = templates[(x >> 33) as usize % templates.len()].clone();
        let deal = (x >> 20) as usize % (n / 8 + 1);
        c.subject = format!("Company {}", deal % 5000);
        c.object = Some(format!("Target {}", deal / 5000));
        if (x >> 10) % 10 == 0 {
            if let Some(v) = c.amount.value.as_mut() {
                *v *= 2.0;
            }
        }
        table.push(&format!("doc{:07}.txt", i / 8), &c);
    }
    table
}

fn scale(c: &mut Criterion) {
    let templates = templates();
    let mut g = c.benchmark_group("reconcile");
    g.sample_size(10);
    for n in [10_000usize, 100_000, 1_000_000] {
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, &n| {
            b.iter_batched(
                || table(&templates, n),
                |t| reconcile_table(t, &Copies::default()),
                BatchSize::PerIteration,
            )
        });
    }
    g.finish();
}

criterion_group!(benches, scale);
criterion_main!(benches);
