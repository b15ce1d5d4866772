//! What installing scaleview relies on: `--version` names the commit, the shell completions
//! and the man page come from the same definitions as `--help` (so they list every
//! subcommand), and the application icon draws.

use std::process::Command;

fn run(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_scaleview"))
        .args(args)
        .output()
        .expect("run");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

const SUBCOMMANDS: [&str; 4] = ["check", "export", "completions", "man"];

#[test]
fn version_names_the_release_and_the_commit() {
    let (code, out) = run(&["--version"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with(&format!("scaleview {} (commit ", env!("CARGO_PKG_VERSION"))),
        "{out}"
    );
    let commit = out
        .split("commit ")
        .nth(1)
        .unwrap_or_default()
        .trim_end()
        .trim_end_matches(')');
    let hex = commit.trim_end_matches("-modified");
    assert!(
        hex == "unknown" || (hex.len() == 12 && hex.chars().all(|c| c.is_ascii_hexdigit())),
        "{commit:?}"
    );
}

#[test]
fn completions_know_every_subcommand_and_option() {
    for shell in ["bash", "zsh", "fish"] {
        let (code, out) = run(&["completions", shell]);
        assert_eq!(code, 0, "{shell}");
        for sub in SUBCOMMANDS {
            assert!(out.contains(sub), "{shell} completion lacks {sub}");
        }
        // Fish writes long options without their dashes (`-l deny-warnings`).
        for option in ["all-stages", "deny-warnings", "stage"] {
            assert!(out.contains(option), "{shell} completion lacks {option}");
        }
    }
}

#[test]
fn the_man_page_lists_every_subcommand() {
    let (code, out) = run(&["man"]);
    assert_eq!(code, 0);
    assert!(out.contains(".TH scaleview 1"), "roff header");
    for sub in SUBCOMMANDS {
        assert!(out.contains(sub), "man page lacks {sub}");
    }
}

#[test]
fn the_application_icon_draws_with_transparent_corners() {
    let size = 64;
    let rgba = scaleview::render::png::app_icon_rgba(size).expect("icon");
    assert_eq!(rgba.len(), (size * size * 4) as usize);
    let alpha = |x: u32, y: u32| rgba[((y * size + x) * 4 + 3) as usize];
    assert_eq!(alpha(0, 0), 0, "rounded corner");
    assert_eq!(alpha(size / 2, size / 2), 255, "solid middle");
    let colours: std::collections::HashSet<&[u8]> = rgba.chunks_exact(4).collect();
    assert!(colours.len() > 20, "a picture, not a flat square");
}
