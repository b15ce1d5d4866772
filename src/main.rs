//! scaleview: open the GUI, or run `check` headless.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use scaleview::app::ScaleviewApp;
use scaleview::model;

/// Animated architecture diagrams that grow with a user-count slider.
#[derive(Parser)]
#[command(name = "scaleview", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Cmd>,
}

#[derive(Subcommand)]
enum Cmd {
    /// Validate diagram files; prints `path:line:col: error: …` and exits 1 if any is invalid.
    Check {
        /// The .ron files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        None => run_gui(),
        Some(Cmd::Check { files }) => check(&files),
    }
}

fn check(files: &[PathBuf]) -> ExitCode {
    let mut ok = true;
    for f in files {
        let name = f.display().to_string();
        let result = match std::fs::read(f) {
            Ok(bytes) => model::parse_bytes(&bytes, &name).map(|_| ()),
            Err(e) => {
                eprintln!("{name}: error: cannot read the file: {e}");
                ok = false;
                continue;
            }
        };
        match result {
            Ok(()) => println!("{name}: ok"),
            Err(diags) => {
                ok = false;
                for d in diags {
                    eprintln!("{d}");
                }
            }
        }
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn run_gui() -> ExitCode {
    let title = format!("{} — scaleview", model::default_diagram().title);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(title)
            .with_app_id("scaleview")
            .with_inner_size([1440.0, 900.0])
            .with_min_inner_size([800.0, 520.0]),
        renderer: eframe::Renderer::Glow,
        ..Default::default()
    };
    match eframe::run_native(
        "scaleview",
        options,
        Box::new(|cc| Ok(Box::new(ScaleviewApp::new(cc)))),
    ) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("scaleview: could not open a window: {e}");
            eprintln!(
                "hint: on Linux this needs a running X11 or Wayland session and OpenGL (Mesa) drivers."
            );
            ExitCode::from(2)
        }
    }
}
