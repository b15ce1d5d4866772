//! Turning `ron` syntax and type errors into plain-worded diagnostics with hints.

use super::diagnostic::{Diagnostic, Pos, closest};

/// Describe a `ron` error the way a presenter, not a parser author, would want to read it.
pub fn diagnose(file: &str, src: &str, err: &ron::error::SpannedError) -> Diagnostic {
    use ron::Error as E;
    let pos = Pos {
        line: err.span.start.line.max(1),
        col: err.span.start.col.max(1),
    };
    let at = |msg: String| Diagnostic::new(file, pos, msg);
    if src.trim().is_empty() {
        return Diagnostic::new(file, Pos::START, "the file is empty").with_hint(
            "a diagram starts with `Diagram(title: \"…\", stages: [ … ])`; see docs/FORMAT.md",
        );
    }
    match &err.code {
        E::Eof => at("the file ends too early".into())
            .with_hint("a `(`, `[`, `{` or `\"` is probably never closed; check the end of the last thing you edited"),
        E::ExpectedComma => at("expected a comma here".into())
            .with_hint("separate fields and list items with `,`"),
        E::ExpectedStringEnd => at("this text is never closed".into())
            .with_hint("add the closing `\"`"),
        E::ExpectedString => at("expected text in double quotes".into())
            .with_hint("write it like \"this\""),
        E::ExpectedMapColon => at("expected `:` between a key and its value".into())
            .with_hint("write map entries as `\"stage-id\": value`"),
        E::ExpectedStructLikeEnd | E::ExpectedArrayEnd | E::ExpectedMapEnd => {
            at(format!("{}", err.code)).with_hint("a comma may be missing, or a bracket is closed twice")
        }
        E::NoSuchStructField { expected, found, outer } => {
            let what = outer.as_deref().unwrap_or("this value");
            let d = at(format!("`{found}` is not a field of {what}"));
            match closest(found, expected.iter().copied()) {
                Some(best) => d.with_hint(format!("did you mean `{best}`?")),
                None => d.with_hint(format!("known fields: {}", expected.join(", "))),
            }
        }
        E::NoSuchEnumVariant { expected, found, outer } => {
            let what = outer.as_deref().map(|o| format!(" for {o}")).unwrap_or_default();
            let d = at(format!("`{found}` is not a known value{what}"));
            match closest(found, expected.iter().copied()) {
                Some(best) => d.with_hint(format!("did you mean `{best}`?")),
                None => d.with_hint(format!("one of: {}", expected.join(", "))),
            }
        }
        E::MissingStructField { field, outer } => {
            let what = outer.as_deref().unwrap_or("this value");
            at(format!("{what} is missing the field `{field}`"))
                .with_hint(format!("add `{field}: …`; see docs/FORMAT.md for what it takes"))
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
