//! Reading the peer files into cases with gold items on byte spans.

use serde_json::Value as Json;
use std::path::Path;

/// How a spec file lays out its results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// `TypeName`, `Start`, inclusive `End`, `Resolution`.
    Model,
    /// `Type`, `Start`, `Length`; no value.
    Extractor,
    /// `Type`, `Start`, `Length`, `Value` with Future/PastResolution.
    Parser,
    /// `Type` (with the datetimeV2. prefix), `Value.values` like a model.
    MergedParser,
}

/// What a file annotates, so what crosscheck is scored on there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Money,
    Percent,
    Date,
}

pub struct SpecFile {
    pub path: &'static str,
    pub name: &'static str,
    pub layout: Layout,
    pub scope: Scope,
}

/// The Recognizers-Text files in scope for a news claim extractor. Number,
/// number-range and duration files are not scored: crosscheck extracts
/// amounts of money, percentages and dates, not bare numbers or durations.
pub const SPEC_FILES: &[SpecFile] = &[
    spec(
        "NumberWithUnit/English/CurrencyModel.json",
        "CurrencyModel",
        Layout::Model,
        Scope::Money,
    ),
    spec(
        "Number/English/PercentModel.json",
        "PercentModel",
        Layout::Model,
        Scope::Percent,
    ),
    spec(
        "DateTime/English/DateTimeModel.json",
        "DateTimeModel",
        Layout::Model,
        Scope::Date,
    ),
    spec(
        "DateTime/English/DateExtractor.json",
        "DateExtractor",
        Layout::Extractor,
        Scope::Date,
    ),
    spec(
        "DateTime/English/DateParser.json",
        "DateParser",
        Layout::Parser,
        Scope::Date,
    ),
    spec(
        "DateTime/English/DatePeriodExtractor.json",
        "DatePeriodExtractor",
        Layout::Extractor,
        Scope::Date,
    ),
    spec(
        "DateTime/English/DatePeriodParser.json",
        "DatePeriodParser",
        Layout::Parser,
        Scope::Date,
    ),
    spec(
        "DateTime/English/HolidayExtractor.json",
        "HolidayExtractor",
        Layout::Extractor,
        Scope::Date,
    ),
    spec(
        "DateTime/English/HolidayParser.json",
        "HolidayParser",
        Layout::Parser,
        Scope::Date,
    ),
    spec(
        "DateTime/English/MergedExtractor.json",
        "MergedExtractor",
        Layout::Extractor,
        Scope::Date,
    ),
    spec(
        "DateTime/English/MergedParser.json",
        "MergedParser",
        Layout::MergedParser,
        Scope::Date,
    ),
    spec(
        "DateTime/EnglishOthers/DateTimeModel.json",
        "Others/DateTimeModel",
        Layout::Model,
        Scope::Date,
    ),
    spec(
        "DateTime/EnglishOthers/DateParser.json",
        "Others/DateParser",
        Layout::Parser,
        Scope::Date,
    ),
];

const fn spec(path: &'static str, name: &'static str, layout: Layout, scope: Scope) -> SpecFile {
    SpecFile {
        path,
        name,
        layout,
        scope,
    }
}

/// Where a case comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Recognizers { file: &'static str, index: usize },
    Duckling { index: usize },
}

/// The family a gold item (or a prediction) is scored in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    Money,
    Percent,
    /// A date with a 4-digit year or a full numeric date in its text.
    DateExplicit,
    /// A date without a year (timex `XXXX-…`): resolved against the reference date.
    DateYearless,
    /// A date only the reference date makes concrete ("last quarter").
    DateRelative,
}

impl Class {
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Money => "money",
            Class::Percent => "percent",
            Class::DateExplicit => "date-explicit",
            Class::DateYearless => "date-yearless",
            Class::DateRelative => "date-relative",
        }
    }
}

/// The currency a gold amount must have.
#[derive(Debug, Clone, PartialEq)]
pub enum GoldCurrency {
    /// Any of these ISO codes.
    Codes(Vec<String>),
    /// Unnamed ("bucks") or a sub-unit of an unnamed currency: value only.
    Any,
}

/// One resolution a date may take (any one of a result's values is right).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GoldDate {
    pub timex: Option<String>,
    pub value: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    /// `Mod`: before, after, since, approx…
    pub modifier: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum GoldValue {
    /// Extractor layouts: span only.
    None,
    /// Money; `value` already in main units (cents → dollars). A range
    /// or bound has `min`/`max` and no `value`.
    Money {
        value: Option<f64>,
        min: Option<f64>,
        max: Option<f64>,
        currency: GoldCurrency,
    },
    Percent(f64),
    Dates(Vec<GoldDate>),
}

/// An expected entity on byte offsets of the case's input.
#[derive(Debug, Clone)]
pub struct GoldItem {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// `None`: out of scope ("don't care": neither right nor wrong).
    pub class: Option<Class>,
    pub value: GoldValue,
}

/// One input text with what a careful recogniser finds in it.
#[derive(Debug, Clone)]
pub struct Case {
    pub source: Source,
    /// The file's short name ("CurrencyModel", "duckling-money").
    pub file: &'static str,
    pub scope: Scope,
    pub input: String,
    /// `YYYY-MM-DD` of `Context.ReferenceDateTime`.
    pub reference: Option<String>,
    pub gold: Vec<GoldItem>,
    /// Duckling: exactly one entity must cover the whole input.
    pub whole_text: bool,
    /// The table row of a slice the case also counts in (CurrencyModel
    /// cases 0–94, the newswire sentences).
    pub slice: Option<&'static str>,
}

/// Load every scored case from the peer folder.
pub fn load_all(peer: &Path) -> Result<Vec<Case>, String> {
    if !peer.is_dir() {
        return Err(format!(
            "peer conformance data not found at {} (set CROSSCHECK_PEER or CROSSCHECK_SHARED, \
             or clone the repository beside ../shared)",
            peer.display()
        ));
    }
    let mut cases = Vec::new();
    for spec in SPEC_FILES {
        let path = peer.join("recognizers-text/Specs").join(spec.path);
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let json: Json = serde_json::from_str(text.trim_start_matches('\u{feff}'))
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let items = json
            .as_array()
            .ok_or_else(|| format!("{}: not a JSON array", path.display()))?;
        for (index, case) in items.iter().enumerate() {
            if dotnet_skip(case) {
                continue;
            }
            let c = recognizers_case(spec, index, case)
                .map_err(|e| format!("{} case {index}: {e}", path.display()))?;
            cases.push(c);
        }
    }
    let path = peer.join("duckling-money-en.json");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let json: Json = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    for (index, rec) in json.as_array().into_iter().flatten().enumerate() {
        cases.push(duckling_case(index, rec));
    }
    Ok(cases)
}

fn dotnet_skip(case: &Json) -> bool {
    ["NotSupported", "NotSupportedByDesign"].iter().any(|k| {
        case.get(k)
            .and_then(Json::as_str)
            .is_some_and(|s| s.to_ascii_lowercase().contains("dotnet"))
    })
}

fn recognizers_case(spec: &'static SpecFile, index: usize, case: &Json) -> Result<Case, String> {
    let input = case
        .get("Input")
        .and_then(Json::as_str)
        .ok_or("no Input")?
        .to_string();
    let reference = case
        .pointer("/Context/ReferenceDateTime")
        .and_then(Json::as_str)
        .map(|s| s.chars().take(10).collect());
    let mut gold = Vec::new();
    for r in case
        .get("Results")
        .and_then(Json::as_array)
        .into_iter()
        .flatten()
    {
        gold.push(recognizers_item(spec, &input, r)?);
    }
    let slice = (spec.name == "CurrencyModel" && index <= 94).then_some("CurrencyModel[0-94]");
    Ok(Case {
        source: Source::Recognizers {
            file: spec.name,
            index,
        },
        file: spec.name,
        scope: spec.scope,
        input,
        reference,
        gold,
        whole_text: false,
        slice,
    })
}

/// Byte offset of the `n`-th character of `s` (or `s.len()` past the end).
fn char_to_byte(s: &str, n: usize) -> Option<usize> {
    s.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(s.len()))
        .nth(n)
}

fn recognizers_item(spec: &SpecFile, input: &str, r: &Json) -> Result<GoldItem, String> {
    let text = r
        .get("Text")
        .and_then(Json::as_str)
        .ok_or("result without Text")?;
    let start_c = r
        .get("Start")
        .and_then(Json::as_u64)
        .ok_or("result without Start")? as usize;
    let end_c = match spec.layout {
        Layout::Model => {
            r.get("End")
                .and_then(Json::as_u64)
                .ok_or("result without End")? as usize
                + 1
        }
        _ => {
            start_c
                + r.get("Length")
                    .and_then(Json::as_u64)
                    .ok_or("result without Length")? as usize
        }
    };
    let (start, end) = match (char_to_byte(input, start_c), char_to_byte(input, end_c)) {
        (Some(a), Some(b)) if a <= b => (a, b),
        _ => return Err(format!("span {start_c}..{end_c} outside the input")),
    };
    if !input[start..end].to_lowercase().eq(&text.to_lowercase()) {
        return Err(format!(
            "span {start}..{end} is {:?}, expected {text:?}",
            &input[start..end]
        ));
    }
    let ty = r
        .get("TypeName")
        .or_else(|| r.get("Typename"))
        .or_else(|| r.get("Type"))
        .and_then(Json::as_str)
        .unwrap_or("");
    let ty = ty.strip_prefix("datetimeV2.").unwrap_or(ty);
    let (class, value) = match (spec.scope, ty) {
        (Scope::Money, "currency") => match money_value(r.get("Resolution")) {
            Some(v) => (Some(Class::Money), v),
            None => (None, GoldValue::None),
        },
        (Scope::Percent, "percentage") => match percent_value(r.get("Resolution")) {
            Some(v) => (Some(Class::Percent), GoldValue::Percent(v)),
            None => (None, GoldValue::None),
        },
        (Scope::Date, "date" | "daterange") => {
            let dates = match spec.layout {
                Layout::Model => model_dates(r.get("Resolution")),
                Layout::MergedParser => model_dates(r.get("Value")),
                Layout::Parser => parser_dates(r.get("Value")),
                Layout::Extractor => Vec::new(),
            };
            let class = date_class(text, &dates);
            let value = if spec.layout == Layout::Extractor {
                GoldValue::None
            } else {
                GoldValue::Dates(dates)
            };
            (Some(class), value)
        }
        _ => (None, GoldValue::None),
    };
    Ok(GoldItem {
        start,
        end,
        text: text.to_string(),
        class,
        value,
    })
}

/// Explicit (a 4-digit year or a full numeric date in the text), year-less
/// (timex with XXXX) or relative, as the data's README classifies them.
pub fn date_class(text: &str, dates: &[GoldDate]) -> Class {
    if has_explicit_year(text) {
        Class::DateExplicit
    } else if dates
        .iter()
        .any(|d| d.timex.as_deref().is_some_and(|t| t.contains("XXXX")))
    {
        Class::DateYearless
    } else {
        Class::DateRelative
    }
}

/// A 4-digit year (1000–2999) or a d/m/y-style numeric date with a year.
pub fn has_explicit_year(text: &str) -> bool {
    let b = text.as_bytes();
    let digits_at = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    for i in 0..b.len() {
        let boundary_before = i == 0 || !b[i - 1].is_ascii_digit();
        if boundary_before
            && (b[i] == b'1' || b[i] == b'2')
            && digits_at(i + 1)
            && digits_at(i + 2)
            && digits_at(i + 3)
            && !digits_at(i + 4)
        {
            return true;
        }
    }
    // 1/2/17, 12-31-2019, 2.5.18: three numeric fields.
    text.split(|c: char| !(c.is_ascii_digit() || c == '/' || c == '-' || c == '.'))
        .any(|w| {
            let parts: Vec<&str> = w.split(['/', '-', '.']).collect();
            parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.len() <= 4)
        })
}

fn num(v: Option<&Json>) -> Option<f64> {
    match v? {
        Json::Number(n) => n.as_f64(),
        Json::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Units written without an ISO code, as the codes a news extractor may give.
fn unit_codes(unit: &str) -> Option<(GoldCurrency, f64)> {
    let codes = |c: &[&str]| GoldCurrency::Codes(c.iter().map(|s| s.to_string()).collect());
    Some(match unit {
        "Dollar" => (codes(&["USD"]), 1.0),
        "Pound" => (codes(&["GBP"]), 1.0),
        "Cent" | "Pence" | "Penny" | "Sen" => (GoldCurrency::Any, 0.01),
        "Satoshi" => (codes(&["BTC"]), 1e-8),
        "Bitcoin" => (codes(&["BTC"]), 1.0),
        "Franc" => (codes(&["CHF", "FRF", "BEF"]), 1.0),
        "Rupee" => (codes(&["INR", "PKR", "LKR", "NPR"]), 1.0),
        "Finnish markka" => (codes(&["FIM"]), 1.0),
        "Peseta" => (codes(&["ESP"]), 1.0),
        "Netherlands guilder" => (codes(&["NLG"]), 1.0),
        _ => return None,
    })
}

fn money_value(res: Option<&Json>) -> Option<GoldValue> {
    let res = res?;
    let value = num(res.get("value"))?;
    let (currency, factor) = match res.get("isoCurrency").and_then(Json::as_str) {
        Some(code) => (GoldCurrency::Codes(vec![code.to_string()]), 1.0),
        None => unit_codes(res.get("unit").and_then(Json::as_str).unwrap_or(""))
            .unwrap_or((GoldCurrency::Any, 1.0)),
    };
    Some(GoldValue::Money {
        value: Some(value * factor),
        min: None,
        max: None,
        currency,
    })
}

fn percent_value(res: Option<&Json>) -> Option<f64> {
    let s = res?.get("value")?.as_str()?;
    s.trim().trim_end_matches('%').trim().parse().ok()
}

fn model_dates(res: Option<&Json>) -> Vec<GoldDate> {
    let s = |v: &Json, k: &str| v.get(k).and_then(Json::as_str).map(str::to_string);
    res.and_then(|r| r.get("values"))
        .and_then(Json::as_array)
        .into_iter()
        .flatten()
        .map(|v| GoldDate {
            timex: s(v, "timex"),
            value: s(v, "value"),
            start: s(v, "start"),
            end: s(v, "end"),
            modifier: s(v, "Mod"),
        })
        .filter(resolved)
        .collect()
}

fn parser_dates(value: Option<&Json>) -> Vec<GoldDate> {
    let Some(v) = value else { return Vec::new() };
    let modifier = v.get("Mod").and_then(Json::as_str).map(str::to_string);
    let timex = v
        .get("Timex")
        .or_else(|| v.get("timex"))
        .and_then(Json::as_str)
        .map(str::to_string);
    ["FutureResolution", "PastResolution"]
        .iter()
        .filter_map(|k| v.get(k))
        .map(|r| {
            let s = |k: &str| r.get(k).and_then(Json::as_str).map(str::to_string);
            GoldDate {
                timex: timex.clone(),
                value: s("date"),
                start: s("startDate"),
                end: s("endDate"),
                modifier: modifier.clone(),
            }
        })
        .filter(resolved)
        .collect()
}

/// Upstream writes "not resolved" for fiscal years, seasons and invalid
/// dates: those are scored on span only.
fn resolved(d: &GoldDate) -> bool {
    ![&d.value, &d.start, &d.end]
        .iter()
        .any(|v| v.as_deref() == Some("not resolved"))
}

fn duckling_case(index: usize, rec: &Json) -> Case {
    let input = rec
        .get("text")
        .and_then(Json::as_str)
        .unwrap_or("")
        .to_string();
    let value = num(rec.get("value"));
    let min = num(rec.get("min"));
    let max = num(rec.get("max"));
    let gold = match rec.get("currency").and_then(Json::as_str) {
        None => Vec::new(),
        Some(cur) => {
            let (currency, factor) = duckling_currency(cur);
            vec![GoldItem {
                start: 0,
                end: input.len(),
                text: input.clone(),
                class: Some(Class::Money),
                value: GoldValue::Money {
                    value: value.map(|v| v * factor),
                    min: min.map(|v| v * factor),
                    max: max.map(|v| v * factor),
                    currency,
                },
            }]
        }
    };
    Case {
        source: Source::Duckling { index },
        file: "duckling-money",
        scope: Scope::Money,
        input,
        reference: None,
        gold,
        whole_text: true,
        slice: None,
    }
}

fn duckling_currency(cur: &str) -> (GoldCurrency, f64) {
    let codes = |c: &[&str]| GoldCurrency::Codes(c.iter().map(|s| s.to_string()).collect());
    match cur {
        "$" => (codes(&["USD"]), 1.0),
        "£" => (codes(&["GBP"]), 1.0),
        "cent" => (GoldCurrency::Any, 0.01),
        "unknown" => (GoldCurrency::Any, 1.0),
        "dinar" => (
            codes(&["KWD", "BHD", "JOD", "IQD", "LYD", "TND", "DZD", "RSD"]),
            1.0,
        ),
        "rial" => (codes(&["IRR", "OMR", "YER"]), 1.0),
        "riyal" => (codes(&["SAR", "QAR"]), 1.0),
        code => (GoldCurrency::Codes(vec![code.to_string()]), 1.0),
    }
}
