//! Turning pattern text into groups, and replacing `~` inside them.

use std::borrow::Cow;

/// Whether `c` separates groups: commas and whitespace, in any run.
fn is_separator(c: char) -> bool {
    c == ',' || c.is_whitespace()
}

fn is_operator(c: char) -> bool {
    c == '+' || c == '-'
}

/// Drops whitespace next to `+` and `-`, so `100 + 2` reads as `100+2` and `20 - 40` as
/// `20-40` (Stockroom's rule; InvenTree splits them into separate groups).
///
/// Commas are kept: `10, +3` is still two groups.
pub(crate) fn bind_operators(text: &str) -> Cow<'_, str> {
    if !text.contains(is_operator) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut before: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !c.is_whitespace() {
            out.push(c);
            before = Some(c);
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, w)) = chars.peek() {
            if !w.is_whitespace() {
                break;
            }
            end = i + w.len_utf8();
            chars.next();
        }
        let after = chars.peek().map(|&(_, c)| c);
        if !before.is_some_and(is_operator) && !after.is_some_and(is_operator) {
            out.push_str(&text[start..end]);
        }
    }
    Cow::Owned(out)
}

/// The non-empty groups of `text`, in order.
pub(crate) fn groups(text: &str) -> impl Iterator<Item = &str> {
    text.split(is_separator).filter(|group| !group.is_empty())
}

/// Replaces each `~` of `part`, left to right, with the next value of `tildes`.
///
/// The values were computed up front, one per `~` of the pattern, so they never run out; a
/// value is inserted as text and never re-parsed (a latest serial like `A-1` stays one serial).
pub(crate) fn substitute<'a>(
    part: &'a str,
    tildes: &mut impl Iterator<Item = String>,
) -> Cow<'a, str> {
    if part == "~"
        && let Some(value) = tildes.next()
    {
        return Cow::Owned(value);
    }
    if !part.contains('~') {
        return Cow::Borrowed(part);
    }
    let mut out = String::with_capacity(part.len() + 8);
    let mut pieces = part.split('~');
    out.push_str(pieces.next().unwrap_or_default());
    for piece in pieces {
        match tildes.next() {
            Some(value) => out.push_str(&value),
            None => out.push('~'),
        }
        out.push_str(piece);
    }
    Cow::Owned(out)
}
