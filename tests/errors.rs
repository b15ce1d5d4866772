//! Every file in `tests/errors/` is a broken diagram whose first line says which message
//! (and, where given, which line:column) it must produce: `// expect: 4:5 | expected a
//! comma`. None may panic.

use std::path::PathBuf;

use scaleview::model;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/errors")
}

/// Each broken file's expectation, from its first line: `// expect: line:col | message`
/// (`*` for any position). An empty file has no room for one: it must say the file is empty.
fn expectation(bytes: &[u8]) -> Option<(String, String)> {
    if bytes.is_empty() {
        return Some(("*".into(), "the file is empty".into()));
    }
    let first = bytes.split(|b| *b == b'\n').next()?;
    let first = std::str::from_utf8(first).ok()?;
    let (pos, message) = first.strip_prefix("// expect: ")?.split_once(" | ")?;
    Some((pos.trim().to_owned(), message.trim().to_owned()))
}

#[test]
fn every_broken_file_gives_the_diagnostic_its_first_line_expects() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for entry in std::fs::read_dir(dir()).expect("dir").flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        if !file.ends_with(".ron") {
            continue;
        }
        let bytes = std::fs::read(entry.path()).expect("read");
        let Some((pos, message)) = expectation(&bytes) else {
            failures.push(format!(
                "{file}: no `// expect: line:col | message` first line"
            ));
            continue;
        };
        let diags = match model::parse_bytes(&bytes, &file) {
            Ok(_) => {
                failures.push(format!("{file}: parsed without error"));
                continue;
            }
            Err(d) => d,
        };
        let want_pos = (pos != "*").then(|| {
            let (l, c) = pos.split_once(':').expect("line:col");
            (
                l.parse::<usize>().expect("line"),
                c.parse::<usize>().expect("col"),
            )
        });
        let hit = diags.iter().any(|d| {
            d.message.contains(&message)
                && want_pos.is_none_or(|p| p == (d.line, d.col))
                && d.file == file
        });
        if !hit {
            let got: Vec<String> = diags.iter().map(ToString::to_string).collect();
            failures.push(format!(
                "{file}: want {pos} {message:?}, got:\n  {}",
                got.join("\n  ")
            ));
        }
        checked += 1;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked >= 30, "only {checked} error files");
}

#[test]
fn a_ten_megabyte_file_is_refused_quickly() {
    let big = format!(
        "Diagram(title: \"{}\", stages: [])",
        "x".repeat(10 * 1024 * 1024)
    );
    let start = std::time::Instant::now();
    let d = model::parse_bytes(big.as_bytes(), "big.ron").expect_err("too big");
    assert!(d[0].message.contains("at most 4 MB"), "{}", d[0]);
    assert!(start.elapsed().as_secs_f64() < 1.0);
}

#[test]
fn thousands_of_components_and_huge_numbers_do_not_hang_or_panic() {
    let d = model::parse(&model::synthetic_diagram(5000, 8000), "many.ron").expect("valid");
    assert_eq!(d.components.len(), 5000);
    let scene = scaleview::scene::Scene::settled(&d, d.last_stage());
    assert_eq!(scene.components.len(), 5000);
    for n in [
        "1e308",
        "-1e308",
        "NaN",
        "inf",
        "18446744073709551616",
        "1e-320",
    ] {
        let src = format!(
            "Diagram(title: \"n\", stages: [Stage(id: \"a\", at: 1, title: \"t\")], components: [Component(id: \"c\", kind: Ec2, cell: ({n}, 0))])"
        );
        let _ = model::parse(&src, "n.ron");
        let src = format!(
            "Diagram(title: \"n\", axis: Axis(min: {n}, max: {n}), stages: [Stage(id: \"a\", at: {n}, title: \"t\")])"
        );
        assert!(
            model::parse(&src, "n.ron").is_err() || n == "1e-320",
            "{n} accepted as an axis"
        );
    }
}
