//! The number and date normalisers on arbitrary strings: no panic, finite
//! values.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Some(n) = crosscheck::normalize::parse_number(s) {
        assert!(n.value.is_finite());
    }
    let _ = crosscheck::extract::parse_iso_date(s);
    let _ = crosscheck::normalize::format_money(s.len() as f64 * 1e9, "USD");
});
