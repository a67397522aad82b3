//! Byte spans into a document's text.
//!
//! Byte offsets are the truth everywhere in crosscheck: `&text[span.range()]`
//! is exactly the mention's text. Line and column are derived only for display.

use serde::Serialize;

/// A half-open byte range `[start, end)` into a document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// The same span `by` bytes later.
    pub fn shifted(self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }

    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end);
        Span { start, end }
    }

    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// True when the two spans share at least one byte.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// Non-overlapping spans with an overlap test in O(log n): documents with
/// hundreds of thousands of mentions must not compare every pair.
#[derive(Debug, Clone, Default)]
pub struct SpanSet {
    by_start: std::collections::BTreeMap<usize, usize>,
}

impl SpanSet {
    pub fn new() -> SpanSet {
        SpanSet::default()
    }

    /// True when `span` overlaps a span of the set.
    pub fn overlaps(&self, span: &Span) -> bool {
        // The last span starting before `span` ends is the only candidate
        // (spans of the set do not overlap one another).
        self.by_start
            .range(..span.end)
            .next_back()
            .is_some_and(|(&start, &end)| Span::new(start, end).overlaps(span))
    }

    /// Add `span`; the caller keeps the set free of overlaps.
    pub fn insert(&mut self, span: Span) {
        self.by_start.insert(span.start, span.end);
    }

    /// The spans of the set that overlap `span`, in order.
    pub fn overlapping(&self, span: Span) -> impl Iterator<Item = Span> + '_ {
        let first = self
            .by_start
            .range(..=span.start)
            .next_back()
            .map_or(span.start, |(&s, _)| s);
        self.by_start
            .range(first..span.end)
            .map(|(&s, &e)| Span::new(s, e))
            .filter(move |h| h.overlaps(&span))
    }
}

/// 1-based line and column (in characters) of a byte offset, for messages.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut off = offset;
    while !text.is_char_boundary(off) {
        off -= 1;
    }
    let before = &text[..off];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..off].chars().count() + 1;
    (line, col)
}

/// Line starts of a text, for many `line_col` lookups in one file without
/// rescanning it each time (a rules file of 20,000 rules stays linear).
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// As `line_col(text, offset)`, for the text this index was built from.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let mut off = offset.min(text.len());
        while !text.is_char_boundary(off) {
            off -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= off);
        let start = self.starts[line - 1];
        (line, text[start..off].chars().count() + 1)
    }

    /// The text of 1-based line `line`, without its line break.
    pub fn line<'t>(&self, text: &'t str, line: usize) -> &'t str {
        let start = self.starts.get(line - 1).copied().unwrap_or(text.len());
        let end = self.starts.get(line).map_or(text.len(), |&e| e - 1);
        text[start..end.max(start)].trim_end_matches('\r')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_set_finds_overlaps_like_a_scan() {
        let spans = [Span::new(2, 5), Span::new(7, 9), Span::new(12, 20)];
        let mut set = SpanSet::new();
        for s in spans {
            set.insert(s);
        }
        for a in 0..22 {
            for b in a..23 {
                let q = Span::new(a, b);
                let scan = spans.iter().any(|s| s.overlaps(&q));
                assert_eq!(set.overlaps(&q), scan, "{q:?}");
                let want: Vec<Span> = spans.iter().copied().filter(|s| s.overlaps(&q)).collect();
                assert_eq!(set.overlapping(q).collect::<Vec<_>>(), want, "{q:?}");
            }
        }
    }

    #[test]
    fn line_index_agrees_with_line_col() {
        let text = "ab\n’$4\r\n\nx";
        let idx = LineIndex::new(text);
        for off in 0..=text.len() {
            assert_eq!(idx.line_col(text, off), line_col(text, off), "at {off}");
        }
        assert_eq!(idx.line(text, 2), "’$4");
        assert_eq!(idx.line(text, 3), "");
        assert_eq!(idx.line(text, 4), "x");
    }

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "ab\n’$4";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        // "’" is three bytes; "$" is the second character of line 2.
        assert_eq!(line_col(text, 6), (2, 2));
    }

    #[test]
    fn overlap_is_strict() {
        assert!(Span::new(0, 4).overlaps(&Span::new(3, 5)));
        assert!(!Span::new(0, 4).overlaps(&Span::new(4, 5)));
    }
}
