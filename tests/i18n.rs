//! The app's words: every bundled language parses, has every key English has (and no other),
//! keeps the `{placeholders}`; every key the code asks for exists; switching to Korean changes
//! the UI; a Korean diagram writes its numbers the Korean way.

use std::collections::BTreeSet;
use std::path::Path;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use scaleview::app::i18n::{self, Language};
use scaleview::app::{Command, ScaleviewApp};
use scaleview::model;

fn english() -> &'static Language {
    let en = &i18n::languages()[0];
    assert_eq!(en.code, "en", "English comes first");
    en
}

fn placeholders(text: &str) -> BTreeSet<String> {
    text.split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(name, _)| name.to_owned()))
        .collect()
}

#[test]
fn every_language_file_parses_and_matches_english_key_for_key() {
    let (langs, errors) = i18n::parse_all();
    assert!(errors.is_empty(), "{errors:?}");
    assert!(langs.iter().any(|l| l.code == "ko"), "Korean is bundled");
    let en = english();
    let en_keys: BTreeSet<&str> = en.keys().collect();
    for l in &langs {
        let keys: BTreeSet<&str> = l.keys().collect();
        let missing: Vec<_> = en_keys.difference(&keys).collect();
        let extra: Vec<_> = keys.difference(&en_keys).collect();
        assert!(missing.is_empty(), "{} lacks {missing:?}", l.code);
        assert!(extra.is_empty(), "{} has unknown keys {extra:?}", l.code);
        for k in &en_keys {
            let (a, b) = (en.get(k).unwrap_or(""), l.get(k).unwrap_or(""));
            assert_eq!(
                placeholders(a),
                placeholders(b),
                "{}: `{k}` has other placeholders than English",
                l.code
            );
            assert!(!b.trim().is_empty(), "{}: `{k}` is empty", l.code);
        }
    }
}

/// Every string literal the app passes to `tr`/`trf`, or keeps in a `("…_in", "…_then")`
/// pair, read from the sources.
fn keys_used_in_code() -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("src").flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let Ok(src) = std::fs::read_to_string(&path) else {
                continue;
            };
            for (at, _) in src.match_indices("tr") {
                // A call `tr(…, "key")` or `trf(…, "key", …)`, not `str(` or `attr(`.
                let before = src[..at].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let rest = &src[at + 2..];
                let rest = rest.strip_prefix('f').unwrap_or(rest);
                let Some(args) = rest.strip_prefix('(') else {
                    continue;
                };
                // The key is the first string literal after the first comma, before `)`.
                let Some(comma) = args.find(',') else {
                    continue;
                };
                if args[..comma].contains(')') || args[..comma].contains('"') {
                    continue;
                }
                let after = args[comma + 1..].trim_start();
                let Some(lit) = after.strip_prefix('"') else {
                    continue;
                };
                if let Some(end) = lit.find('"') {
                    keys.insert(lit[..end].to_owned());
                }
            }
        }
    }
    keys
}

#[test]
fn every_key_the_code_uses_exists_in_english() {
    let en = english();
    let used = keys_used_in_code();
    assert!(used.len() > 40, "found only {} keys: {used:?}", used.len());
    for k in &used {
        assert!(
            en.get(k).is_some(),
            "the code uses `{k}`, which en.ron lacks"
        );
    }
    // Keys chosen at run time.
    for k in [
        "problem_in",
        "warning_in",
        "problems_in",
        "problems_then",
        "warnings_in",
        "warnings_then",
    ] {
        assert!(en.get(k).is_some(), "{k}");
    }
}

#[test]
fn the_system_locale_picks_a_bundled_language() {
    // The locale is read from the environment; only a bundled code or English comes back.
    let code = i18n::system_language();
    assert!(i18n::languages().iter().any(|l| l.code == code), "{code}");
}

#[test]
fn switching_to_korean_changes_the_ui_and_is_remembered() {
    let mut h = Harness::builder()
        .with_size([1440.0, 900.0])
        .with_max_steps(60)
        .build_eframe(|cc| ScaleviewApp::new(cc));
    h.run();
    assert!(h.query_by_label("Next ▶").is_some());
    h.state_mut().push(Command::SetLanguage("ko"));
    h.run();
    assert!(h.query_by_label("Next ▶").is_none(), "still English");
    assert!(
        h.query_by_label("다음 ▶").is_some(),
        "the Next button in Korean"
    );
    assert!(h.query_by_label("범례").is_some(), "the legend in Korean");
    assert_eq!(h.state().settings().language.as_deref(), Some("ko"));
    // The slider still works by its (diagram) label.
    let _ = h.get_by_role_and_label(Role::Slider, "users");
}

#[test]
fn a_korean_diagram_writes_numbers_the_korean_way() {
    let d = model::built_in("aws-10m-users-ko").expect("the Korean built-in diagram parses");
    assert_eq!(d.language, "ko");
    let en = model::default_diagram();
    assert_eq!(
        d.stages.len(),
        en.stages.len(),
        "same stages as the English talk"
    );
    assert_eq!(d.components.len(), en.components.len());
    assert_eq!(d.links.len(), en.links.len());
    assert_eq!(d.axis.long_label(10_000.0), "10,000명");
    assert_eq!(d.axis.long_label(1.0), "1명");
    let ticks: Vec<String> = [1e3, 1e4, 5e5, 1e6, 1e7, 2e7]
        .iter()
        .map(|v| d.axis.short_label(*v))
        .collect();
    assert_eq!(ticks, ["1천", "1만", "50만", "100만", "1000만", "2000만"]);
    // English keeps its plural rule; another language keeps its label as written.
    assert_eq!(en.axis.long_label(1.0), "1 user");
    let src = model::DEFAULT_DIAGRAM.replace(
        "title: \"Scaling on AWS: 1 to 10 million users\",",
        "title: \"Passer à l'échelle\", language: \"fr\",",
    );
    let fr = model::parse(&src, "fr.ron").expect("valid");
    assert_eq!(fr.axis.long_label(1.0), "1 users");
    assert_eq!(fr.axis.short_label(10_000.0), "10K");
}

#[test]
fn a_bad_language_code_is_an_error_with_a_hint() {
    let src = model::DEFAULT_DIAGRAM.replace(
        "title: \"Scaling on AWS: 1 to 10 million users\",",
        "title: \"t\", language: \"Korean please\",",
    );
    let errors = model::parse(&src, "bad.ron").expect_err("rejected");
    let e = errors
        .iter()
        .find(|e| e.message.contains("language code"))
        .expect("a language error");
    assert!(
        e.hint.as_deref().is_some_and(|h| h.contains("\"ko\"")),
        "{e:?}"
    );
    assert!(e.line > 1, "points into the file: {e:?}");
}
