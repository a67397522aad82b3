//! Sentences and words with byte spans.
//!
//! Sentence boundaries come from Unicode's UAX #29 rules
//! (`unicode-segmentation`), then are repaired where news text fools them:
//! "U.S. Federal", "Dr. Amodei", "No. 3", "Sept. 2023". A line break always
//! ends a sentence (headings, table rows and bullets have no full stop) and
//! starts a new paragraph. Words are UAX #29 word segments that contain a
//! letter or digit; claims measure distances in words.

use crate::span::Span;
use unicode_segmentation::UnicodeSegmentation;

/// A sentence: its span (trimmed of surrounding white space) and the index of
/// the paragraph (line block) it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    pub paragraph: usize,
}

/// The sentences and words of one document.
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    pub sentences: Vec<Sentence>,
    /// Start offsets of word tokens, ascending.
    pub word_starts: Vec<usize>,
}

impl Tokens {
    /// Number of words that start in `[from, to)`.
    pub fn words_between(&self, from: usize, to: usize) -> usize {
        if to <= from {
            return 0;
        }
        let a = self.word_starts.partition_point(|&s| s < from);
        let b = self.word_starts.partition_point(|&s| s < to);
        b - a
    }

    /// The index of the sentence containing byte `offset`, if any.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= offset);
        (i < self.sentences.len() && self.sentences[i].span.start <= offset).then_some(i)
    }

    /// Merge sentence `i` with the next one (used when a mention straddles a
    /// boundary the segmenter put inside it).
    pub fn merge_with_next(&mut self, i: usize) {
        if i + 1 < self.sentences.len() {
            let next = self.sentences.remove(i + 1);
            self.sentences[i].span.end = next.span.end;
        }
    }
}

/// Abbreviations after which a full stop does not end the sentence when the
/// next word follows on the same line. Titles and "No." precede names and
/// numbers; months precede days and years.
const ALWAYS_JOIN: &[&str] = &[
    "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Sr.", "Jr.", "St.", "Gen.", "Sen.", "Rep.", "Gov.",
    "Lt.", "Col.", "Capt.", "No.", "Nos.", "vs.", "v.", "approx.", "est.", "e.g.", "i.e.", "U.S.",
    "U.K.", "U.N.", "E.U.", "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.",
    "Sept.", "Oct.", "Nov.", "Dec.", "Fig.", "Vol.", "pp.", "Mt.", "Ft.", "Ave.",
];

/// Company suffixes end sentences too ("... Amazon.com Inc. The deal ..."), so
/// they join only when the next word is lower case or a number.
const JOIN_BEFORE_LOWER: &[&str] = &[
    "Inc.", "Corp.", "Co.", "Ltd.", "Cos.", "Bros.", "Plc.", "LLC.", "L.P.",
];

/// Split `text` into sentences and words.
pub fn tokenize(text: &str) -> Tokens {
    let mut sentences: Vec<Sentence> = Vec::new();
    let mut paragraph = 0usize;
    let mut last_end = 0usize;
    // Split at line breaks first: UAX #29 already breaks after them, but
    // doing it here keeps paragraph numbering simple and exact.
    let mut line_start = 0usize;
    for line in text.split_inclusive('\n') {
        let line_span = Span::new(line_start, line_start + line.len());
        line_start += line.len();
        let mut first_in_line = true;
        for (off, piece) in line.split_sentence_bound_indices() {
            let start = line_span.start + off;
            let Some(span) = trim_span(text, Span::new(start, start + piece.len())) else {
                continue;
            };
            if first_in_line && text[last_end..span.start].contains('\n') && !sentences.is_empty() {
                paragraph += 1;
            }
            let joins = !first_in_line
                && sentences
                    .last()
                    .is_some_and(|prev| should_join(&text[prev.span.range()], &text[span.range()]));
            if joins {
                sentences.last_mut().expect("checked").span.end = span.end;
            } else {
                sentences.push(Sentence { span, paragraph });
            }
            last_end = span.end;
            first_in_line = false;
        }
    }
    let sentences = cap_sentences(text, sentences);
    let word_starts = text
        .split_word_bound_indices()
        .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
        .map(|(i, _)| i)
        .collect();
    Tokens {
        sentences,
        word_starts,
    }
}

/// The longest sentence kept whole, in bytes. News sentences run to a few
/// hundred bytes; a "sentence" of megabytes (a file without punctuation, a
/// table flattened into one line) is cut at white space into pieces of at
/// most this size, so the per-sentence work of the claim builder stays
/// bounded whatever the input.
pub const MAX_SENTENCE: usize = 4096;

fn cap_sentences(text: &str, sentences: Vec<Sentence>) -> Vec<Sentence> {
    if sentences.iter().all(|s| s.span.len() <= MAX_SENTENCE) {
        return sentences;
    }
    let mut out = Vec::with_capacity(sentences.len());
    for s in sentences {
        let mut start = s.span.start;
        while s.span.end - start > MAX_SENTENCE {
            let mut limit = start + MAX_SENTENCE;
            while !text.is_char_boundary(limit) {
                limit -= 1;
            }
            // The last white space in the window, else a hard cut.
            let cut = text[start..limit]
                .rfind(char::is_whitespace)
                .map(|i| start + i)
                .filter(|&c| c > start)
                .unwrap_or(limit);
            out.push(Sentence {
                span: Span::new(start, cut),
                paragraph: s.paragraph,
            });
            start = cut;
            while start < s.span.end && text[start..].starts_with(char::is_whitespace) {
                start += text[start..].chars().next().map_or(1, char::len_utf8);
            }
        }
        if start < s.span.end {
            out.push(Sentence {
                span: Span::new(start, s.span.end),
                paragraph: s.paragraph,
            });
        }
    }
    out
}

/// The lower-cased word that ends just before byte `at` (skipping white space
/// and "the"/"a"/"an"), and where it starts. Empty at the start of the text.
pub fn word_before(text: &str, at: usize) -> (String, usize) {
    let before = text[..at].trim_end();
    let start = before
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let w = before[start..].to_lowercase();
    if (w == "the" || w == "a" || w == "an") && start > 0 {
        return word_before(text, start);
    }
    (w, start)
}

fn trim_span(text: &str, span: Span) -> Option<Span> {
    let s = &text[span.range()];
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    if trimmed.is_empty() {
        return None;
    }
    Some(Span::new(
        span.start + lead,
        span.start + lead + trimmed.len(),
    ))
}

fn should_join(prev: &str, next: &str) -> bool {
    let last_word = prev.rsplit(char::is_whitespace).next().unwrap_or("");
    // Strip an opening bracket or quote glued to the word: "(U.S."
    let last_word = last_word.trim_start_matches(['(', '"', '“', '\'']);
    let first = next.chars().next().unwrap_or(' ');
    if ALWAYS_JOIN.contains(&last_word) {
        return true;
    }
    if JOIN_BEFORE_LOWER.contains(&last_word) {
        return first.is_lowercase() || first.is_ascii_digit() || first == '(';
    }
    // A single capital initial: "John D. Rockefeller".
    let mut chars = last_word.chars();
    if let (Some(c), Some('.'), None) = (chars.next(), chars.next(), chars.next()) {
        return c.is_uppercase();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_overlong_sentence_is_cut_at_white_space() {
        let text = "word ".repeat(3000);
        let t = tokenize(&text);
        assert!(t.sentences.len() >= 3);
        for s in &t.sentences {
            assert!(s.span.len() <= MAX_SENTENCE);
            assert!(!text[s.span.range()].starts_with(' '));
        }
        let covered: usize = t.sentences.iter().map(|s| s.span.len()).sum();
        assert!(covered >= text.trim_end().len() - t.sentences.len());
    }

    fn sentences(text: &str) -> Vec<&str> {
        tokenize(text)
            .sentences
            .iter()
            .map(|s| &text[s.span.range()])
            .collect()
    }

    #[test]
    fn survives_abbreviations_and_decimals() {
        let text = "The U.S. Federal Trade Commission met Dr. Amodei. Amazon Inc. paid $2.75 billion in Sept. 2023 for No. 3 spot. It grew.";
        assert_eq!(
            sentences(text),
            vec![
                "The U.S. Federal Trade Commission met Dr. Amodei.",
                "Amazon Inc. paid $2.75 billion in Sept. 2023 for No. 3 spot.",
                "It grew."
            ]
        );
    }

    #[test]
    fn company_suffix_can_end_a_sentence() {
        let text = "It was bought by Acme Inc. The deal closed.";
        assert_eq!(
            sentences(text),
            vec!["It was bought by Acme Inc.", "The deal closed."]
        );
    }

    #[test]
    fn line_breaks_end_sentences_and_count_paragraphs() {
        let text = "Heading without stop\nFirst line. Second.\n\nThird";
        let t = tokenize(text);
        let got: Vec<(&str, usize)> = t
            .sentences
            .iter()
            .map(|s| (&text[s.span.range()], s.paragraph))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Heading without stop", 0),
                ("First line.", 1),
                ("Second.", 1),
                ("Third", 2)
            ]
        );
    }

    #[test]
    fn spans_are_byte_exact_with_curly_quotes() {
        let text = "Amazon’s $8 billion investment. Anthropic’s independence.";
        let t = tokenize(text);
        for s in &t.sentences {
            assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
        }
        assert_eq!(t.sentences.len(), 2);
        // "$" is not a word; "Amazon’s" is one.
        assert_eq!(t.words_between(0, text.len()), 6);
    }

    #[test]
    fn sentence_at_finds_containing_sentence() {
        let text = "One. Two three.";
        let t = tokenize(text);
        assert_eq!(t.sentence_at(0), Some(0));
        assert_eq!(t.sentence_at(6), Some(1));
    }
}
