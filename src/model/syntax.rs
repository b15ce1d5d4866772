//! Turning `ron` syntax and type errors into plain-worded diagnostics with hints.

use super::diagnostic::{Diagnostic, Pos, closest};

/// Describe a `ron` error the way a presenter, not a parser author, would want to read it.
#[expect(
    clippy::too_many_lines,
    reason = "one match arm per kind of RON error, each with its words and hint"
)]
pub fn diagnose(file: &str, src: &str, err: &ron::error::SpannedError) -> Diagnostic {
    use ron::Error as E;
    let raw = Pos {
        line: err.span.start.line.max(1),
        col: err.span.start.col.max(1),
    };
    let pos = match &err.code {
        // ron reports a missing field at the struct's end; point at where the struct starts.
        E::MissingStructField { .. } => struct_start(src, raw),
        // ron often points at the whitespace before the offending token.
        _ => skip_blank(src, raw),
    };
    let at = |msg: String| Diagnostic::new(file, pos, msg);
    if src.trim().is_empty() {
        return Diagnostic::new(file, Pos::START, "the file is empty").with_hint(
            "a diagram starts with `Diagram(title: \"…\", stages: [ … ])`; see docs/FORMAT.md",
        );
    }
    match &err.code {
        E::Eof => at("the file ends too early".into()).with_hint(
            "a `(`, `[`, `{` or `\"` is probably never closed; check the end of the \
                        last thing you edited",
        ),
        E::ExpectedComma => at("expected a comma here".into()).with_hint(
            "separate fields and list items with `,`; if a text before this looks cut short, its \
             closing `\"` is missing",
        ),
        E::ExpectedStructLike => at("expected a value in parentheses here".into())
            .with_hint("a cell is written `(column, row)`, e.g. `(2, 1)`"),
        E::ExpectedNamedStructLike(name) => at(format!("expected `{name}(…)` here"))
            .with_hint(format!("write it as `{name}(field: value, …)`")),
        E::ExpectedStringEnd => {
            at("this text is never closed".into()).with_hint("add the closing `\"`")
        }
        E::ExpectedString => {
            at("expected text in double quotes".into()).with_hint("write it like \"this\"")
        }
        E::ExpectedMapColon => at("expected `:` between a key and its value".into())
            .with_hint("write map entries as `\"stage-id\": value`"),
        E::ExpectedStructLikeEnd | E::ExpectedArrayEnd | E::ExpectedMapEnd => {
            at(format!("{}", err.code))
                .with_hint("a comma may be missing, or a bracket is closed twice")
        }
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            let what = outer.as_deref().unwrap_or("this value");
            let d = at(format!("`{found}` is not a field of {what}"));
            match closest(found, expected.iter().copied())
                .or_else(|| super::aliases::field_alias(found, expected))
            {
                Some(best) => d.with_hint(format!("did you mean `{best}`?")),
                None => d.with_hint(format!("known fields: {}", expected.join(", "))),
            }
        }
        E::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => {
            let what = outer
                .as_deref()
                .map(|o| format!(" for {o}"))
                .unwrap_or_default();
            let d = at(format!("`{found}` is not a known value{what}"));
            // A kind: point at the command that lists them all.
            let more = if expected.contains(&"Ec2") || expected.contains(&"Vpc") {
                " (`scaleview kinds` lists every kind)"
            } else {
                ""
            };
            if let Some(hint) = crate::model::aliases::alias_hint(found, expected) {
                return d.with_hint(format!("{hint}{more}"));
            }
            if !more.is_empty() {
                let near = crate::model::aliases::closest_names(found, expected);
                return match near.as_slice() {
                    [] => d.with_hint(format!("no kind is called that{more}")),
                    [one] => d.with_hint(format!("did you mean `{one}`?{more}")),
                    [first @ .., last] => {
                        let first: Vec<String> = first.iter().map(|n| format!("`{n}`")).collect();
                        d.with_hint(format!(
                            "did you mean {} or `{last}`?{more}",
                            first.join(", ")
                        ))
                    }
                };
            }
            match closest(found, expected.iter().copied()) {
                Some(best) => d.with_hint(format!("did you mean `{best}`?")),
                None => d.with_hint(format!("one of: {}", expected.join(", "))),
            }
        }
        E::MissingStructField { field, outer } => {
            let what = outer.as_deref().unwrap_or("this value");
            at(format!("{what} is missing the field `{field}`")).with_hint(format!(
                "add `{field}: …`; see docs/FORMAT.md for what it takes"
            ))
        }
        E::DuplicateStructField { field, outer } => {
            let what = outer.as_deref().unwrap_or("this value");
            at(format!("{what} sets `{field}` twice")).with_hint("keep one of them")
        }
        E::ExpectedDifferentStructName { expected, found } => {
            at(format!("expected `{expected}(…)` here, found `{found}(…)`"))
                .with_hint(format!("rename it to `{expected}` or leave the name out"))
        }
        E::ExceededRecursionLimit => at("the file is nested too deeply".into())
            .with_hint("diagrams nest only a few levels; look for runaway brackets"),
        E::TrailingCharacters => at("unexpected text after the end of the diagram".into())
            .with_hint("everything must be inside the one `Diagram( … )`"),
        E::InvalidValueForType { expected, found } => {
            at(format!("expected {expected}, found {found}")).with_hint(type_hint(expected))
        }
        E::ExpectedFloat | E::ExpectedInteger => {
            at("expected a number here".into()).with_hint("write numbers like 1000, 1_000 or 2.5")
        }
        E::IntegerOutOfBounds => at("this number is too large".into())
            .with_hint("numbers in a diagram stay well below a trillion"),
        E::UnexpectedChar(c) => at(format!("unexpected character `{c}`"))
            .with_hint("text goes in double quotes; comments start with //"),
        E::UnclosedBlockComment => at("a /* comment is never closed".into()).with_hint("add */"),
        other => at(other.to_string()),
    }
}

fn type_hint(expected: &str) -> String {
    if expected.contains("tuple") {
        "a cell is written `(column, row)`, e.g. `(2, 1)`".into()
    } else if expected.contains("string") {
        "text goes in double quotes".into()
    } else if expected.contains("map") {
        "per-stage values are written `{ \"stage-id\": value }`".into()
    } else {
        "see docs/FORMAT.md for what this field takes".into()
    }
}

/// Character offset of a 1-based line/column in `src` (clamped to the end).
fn offset_of(chars: &[char], pos: Pos) -> usize {
    let (mut line, mut col) = (1, 1);
    for (i, c) in chars.iter().enumerate() {
        if line == pos.line && col == pos.col {
            return i;
        }
        if *c == '\n' {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
    }
    chars.len()
}

fn pos_of_offset(chars: &[char], offset: usize) -> Pos {
    let before = &chars[..offset.min(chars.len())];
    let line = before.iter().filter(|c| **c == '\n').count() + 1;
    let col = before.iter().rev().take_while(|c| **c != '\n').count() + 1;
    Pos { line, col }
}

/// Move forward over whitespace and comments to the next real token.
fn skip_blank(src: &str, pos: Pos) -> Pos {
    let chars: Vec<char> = src.chars().collect();
    let mut i = offset_of(&chars, pos);
    loop {
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        if i + 1 < chars.len() && chars[i] == '/' && chars[i + 1] == '/' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            continue;
        }
        break;
    }
    if i >= chars.len() {
        pos
    } else {
        pos_of_offset(&chars, i)
    }
}

/// The start of the struct (`Name(` or `(`) whose closing parenthesis is at or before `pos`.
fn struct_start(src: &str, pos: Pos) -> Pos {
    let chars: Vec<char> = src.chars().collect();
    let mut i = offset_of(&chars, pos).min(chars.len().saturating_sub(1));
    while i > 0 && chars[i] != ')' {
        i -= 1;
    }
    if chars.get(i) != Some(&')') {
        return pos;
    }
    // Match brackets backwards, outside strings.
    let mut depth = 0usize;
    let mut in_str = false;
    let mut j = i + 1;
    while j > 0 {
        j -= 1;
        let c = chars[j];
        if c == '"' && (j == 0 || chars[j - 1] != '\\') {
            in_str = !in_str;
            continue;
        }
        if in_str {
            continue;
        }
        match c {
            ')' | ']' | '}' => depth += 1,
            '(' | '[' | '{' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    let mut k = j;
                    while k > 0 && (chars[k - 1].is_alphanumeric() || chars[k - 1] == '_') {
                        k -= 1;
                    }
                    return pos_of_offset(&chars, k);
                }
            }
            _ => {}
        }
    }
    pos
}
