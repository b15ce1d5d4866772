//! The headless commands: `check` and `export`. They print diagnostics the way compilers do
//! and return the process exit code (0 ok, 1 bad diagram, 2 usage or I/O error).
//!
//! Output survives a reader that goes away (`scaleview check … | head -1`): a closed pipe
//! stops the printing, never the work. Any other failure to write standard output (a full
//! disk) is reported on standard error and makes the exit code 2 once the work is done.

mod args;
mod export_command;

pub use args::{AnimateArgs, ExportArgs, StageChoice, parse_finite, parse_scale, resolve_stage};
pub use export_command::export;

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::model::{self, Diagram};

/// Exit code: everything fine.
pub const EXIT_OK: u8 = 0;
/// Exit code: a diagram is invalid (diagnostics on stderr).
pub const EXIT_BAD_DIAGRAM: u8 = 1;
/// Exit code: bad arguments or a file could not be read or written.
pub const EXIT_USAGE: u8 = 2;

/// Standard output that never panics: a closed pipe silences it, other errors are kept.
#[derive(Debug, Default)]
pub struct Out {
    closed: bool,
    failure: Option<std::io::Error>,
}

impl Out {
    /// Print one line (nothing once the reader has gone or a write failed).
    pub fn line(&mut self, args: fmt::Arguments<'_>) {
        if self.closed {
            return;
        }
        let mut out = std::io::stdout().lock();
        if let Err(e) = out.write_fmt(args).and_then(|()| out.write_all(b"\n")) {
            self.fail(e);
        }
    }

    fn fail(&mut self, e: std::io::Error) {
        self.closed = true;
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            self.failure = Some(e);
        }
    }

    /// Flush and turn the outcome into the final exit code: `code`, or 2 if output was lost
    /// for any reason other than a closed pipe.
    pub fn finish(mut self, code: u8) -> u8 {
        if !self.closed
            && let Err(e) = std::io::stdout().lock().flush()
        {
            self.fail(e);
        }
        match self.failure {
            Some(e) => {
                eprint_line(format_args!(
                    "error: could not write to standard output: {e}"
                ));
                code.max(EXIT_USAGE)
            }
            None => code,
        }
    }
}

/// Print one line on standard error; a closed or full stderr is ignored (there is nowhere
/// left to report it).
pub fn eprint_line(args: fmt::Arguments<'_>) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_fmt(args).and_then(|()| err.write_all(b"\n"));
}

/// Read and validate a diagram file, or the built-in diagram `built_in` names; neither means
/// the embedded default.
pub fn load(file: Option<&Path>, built_in: Option<&str>) -> Result<Diagram, u8> {
    if let Some(name) = built_in {
        return model::built_in(name).ok_or_else(|| unknown_built_in(name));
    }
    let Some(path) = file else {
        return Ok(model::default_diagram());
    };
    model::load_file(path).map_err(report_load_error)
}

/// Say on stderr that there is no built-in diagram `name`, listing those there are; the exit
/// code for it.
pub fn unknown_built_in(name: &str) -> u8 {
    let names: Vec<&str> = model::BUILT_IN.iter().map(|b| b.name).collect();
    eprint_line(format_args!(
        "error: there is no built-in diagram `{name}`; the built-in diagrams are {}",
        names.join(", ")
    ));
    EXIT_USAGE
}

/// `scaleview check [--deny-warnings] FILE...`: errors and warnings on stderr, one `ok` line
/// per valid file on stdout. Warnings (the diagram is drawn, but a slide would be wrong or
/// ugly) exit 0, or 1 with `deny_warnings`.
pub fn check(files: &[PathBuf], deny_warnings: bool) -> u8 {
    let mut out = Out::default();
    let mut code = EXIT_OK;
    for f in files {
        let (d, src) = match model::load_file_with_source(f) {
            Ok(x) => x,
            Err(e) => {
                code = code.max(report_load_error(e));
                continue;
            }
        };
        let warnings = crate::lint::warnings(&d, &src, &f.display().to_string());
        for w in &warnings {
            eprint_line(format_args!("{w}"));
        }
        if deny_warnings && !warnings.is_empty() {
            code = code.max(EXIT_BAD_DIAGRAM);
        }
        let n = warnings.len();
        out.line(format_args!(
            "{}: ok ({} stages, {} components{})",
            f.display(),
            d.stages.len(),
            d.components.len(),
            match n {
                0 => String::new(),
                1 => ", 1 warning".to_owned(),
                _ => format!(", {n} warnings"),
            }
        ));
    }
    out.finish(code)
}

/// Print why a file gave no diagram; the exit code for it.
fn report_load_error(e: model::LoadError) -> u8 {
    match e {
        model::LoadError::Unreadable(d) => {
            eprint_line(format_args!("{d}"));
            EXIT_USAGE
        }
        model::LoadError::Invalid(diags) => {
            for d in diags {
                eprint_line(format_args!("{d}"));
            }
            EXIT_BAD_DIAGRAM
        }
    }
}

/// `scaleview kinds`: every component kind by category with its shown name, every group
/// kind, the link styles and the other names that map to a kind; with `names`, only the RON
/// names, one per line.
pub fn kinds(names: bool) -> String {
    use crate::model::{Category, ComponentKind, GroupKind, aliases};
    use std::fmt::Write as _;
    let mut out = String::new();
    if names {
        for k in ComponentKind::ALL {
            let _ = writeln!(out, "{}", k.ron_name());
        }
        for g in GroupKind::ALL {
            let _ = writeln!(out, "{}", g.ron_name());
        }
        return out;
    }
    let _ = writeln!(out, "Component kinds (`kind: Ec2`), by category:");
    for c in Category::ALL {
        let of: Vec<&ComponentKind> = ComponentKind::ALL
            .iter()
            .filter(|k| k.category() == *c)
            .collect();
        if of.is_empty() {
            continue;
        }
        let _ = writeln!(out, "  {}", c.name());
        for k in of {
            let _ = writeln!(out, "    {:<18} {}", k.ron_name(), k.display_name());
        }
    }
    let _ = writeln!(out, "\nGroup kinds (`kind: Vpc` on a group):");
    for g in GroupKind::ALL {
        let _ = writeln!(out, "    {:<18} {}", g.ron_name(), g.display_name());
    }
    let _ = writeln!(
        out,
        "\nLink styles (`style: Async` on a link): Sync (solid), Async (dashed), \
         Replication (dotted, both ends)"
    );
    let _ = writeln!(out, "\nOther names, and the kind to write instead:");
    for (alias, kind, why) in aliases() {
        let _ = writeln!(out, "    {alias:<24} → {kind:<12} {why}");
    }
    out
}
