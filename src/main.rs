//! scaleview: open the GUI, or run `check` / `export` headless.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

use scaleview::app::ScaleviewApp;
use scaleview::cli;
use scaleview::render::ThemeName;

/// Animated architecture diagrams that grow with a user-count slider.
#[derive(Parser)]
#[command(
    name = "scaleview",
    version = concat!(env!("CARGO_PKG_VERSION"), " (commit ", env!("SCALEVIEW_COMMIT"), ")"),
    about,
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Cmd>,
    /// Diagram to open (the built-in AWS diagram when left out).
    file: Option<PathBuf>,
    /// Open a built-in diagram instead of a file: aws-10m-users, aws-10m-users-ko (Korean),
    /// kubernetes-on-aws.
    #[arg(long, value_name = "NAME", conflicts_with = "file")]
    diagram: Option<String>,
    /// Start with this colour theme (otherwise the one used last time).
    #[arg(long, value_enum)]
    theme: Option<ThemeName>,
}

#[derive(Subcommand)]
enum Cmd {
    /// Validate diagram files; prints `path:line:col: error: …` and exits 1 if any is invalid,
    /// and `warning: …` for what would make a slide wrong or ugly.
    Check {
        /// The .ron files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Exit 1 when there are warnings, not only errors.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Export stages as PNG or SVG, the story as a film (MP4, GIF, APNG), a PDF hand-out or a
    /// PowerPoint deck, without a window or GPU.
    Export(Box<cli::ExportArgs>),
    /// List every component kind, group kind and link style the format accepts, with the
    /// names they are shown under and the other names that map to them.
    Kinds {
        /// Only the RON names, one per line (component kinds, then group kinds).
        #[arg(long, conflicts_with_all = ["catalogue", "markdown"])]
        names: bool,
        /// Print a diagram holding every kind (export it to see them all).
        #[arg(long, conflicts_with = "markdown")]
        catalogue: bool,
        /// Print the reference page `docs/KINDS.md`.
        #[arg(long)]
        markdown: bool,
    },
    /// Print shell completions (for packagers: `scaleview completions bash > scaleview.bash`).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), generated from the same definitions as `--help`.
    Man,
    /// Print the application icon as a PNG of this many pixels a side (for packaging).
    #[command(hide = true)]
    Icon {
        /// Width and height in pixels (16 to 1024).
        #[arg(value_parser = clap::value_parser!(u32).range(16..=1024))]
        size: u32,
    },
}

fn main() -> ExitCode {
    let _ = scaleview::app::PROCESS_START.set(std::time::Instant::now());
    clean_up_on_signals();
    let cli = Cli::parse();
    match cli.command {
        None => {
            let built_in = match cli.diagram.as_deref() {
                None => None,
                Some(name) => match scaleview::model::built_in_index(name) {
                    Some(i) => Some(i),
                    None => return ExitCode::from(cli::unknown_built_in(name)),
                },
            };
            run_gui(cli.file, built_in, cli.theme)
        }
        Some(Cmd::Check {
            files,
            deny_warnings,
        }) => ExitCode::from(cli::check(&files, deny_warnings)),
        Some(Cmd::Completions { shell }) => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "scaleview", &mut out);
            print_bytes(&out)
        }
        Some(Cmd::Kinds {
            names,
            catalogue,
            markdown,
        }) => {
            let text = if catalogue {
                scaleview::model::catalogue_ron()
            } else if markdown {
                scaleview::model::kinds_markdown()
            } else {
                cli::kinds(names)
            };
            print_bytes(text.as_bytes());
            ExitCode::SUCCESS
        }
        Some(Cmd::Man) => {
            let mut out = Vec::new();
            match clap_mangen::Man::new(Cli::command()).render(&mut out) {
                Ok(()) => print_bytes(&out),
                Err(e) => {
                    cli::eprint_line(format_args!("error: could not render the man page: {e}"));
                    ExitCode::from(cli::EXIT_USAGE)
                }
            }
        }
        Some(Cmd::Icon { size }) => match scaleview::render::png::app_icon_png(size) {
            Ok(png) => print_bytes(&png),
            Err(e) => {
                cli::eprint_line(format_args!("error: {e}"));
                ExitCode::from(cli::EXIT_USAGE)
            }
        },
        Some(Cmd::Export(e)) => ExitCode::from(cli::export(&e)),
    }
}

fn run_gui(file: Option<PathBuf>, built_in: Option<usize>, theme: Option<ThemeName>) -> ExitCode {
    // The app sets the full title (diagram and file) on its first frame.
    let title = "scaleview";
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(title)
            .with_app_id("scaleview")
            .with_inner_size([1440.0, 900.0])
            .with_icon(window_icon())
            .with_min_inner_size([800.0, 520.0]),
        renderer: eframe::Renderer::Glow,
        ..Default::default()
    };
    match eframe::run_native(
        "scaleview",
        options,
        Box::new(move |cc| {
            let settings = scaleview::app::SettingsFile::default_location();
            let mut app = ScaleviewApp::with_settings_file(cc, settings);
            if let Some(t) = theme {
                app.push(scaleview::app::Command::SetTheme(t));
            }
            if let Some(f) = &file {
                app.open_path(f, &cc.egui_ctx);
            }
            if let Some(i) = built_in {
                app.push(scaleview::app::Command::OpenBuiltIn(i));
            }
            Ok(Box::new(app))
        }),
    ) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("scaleview: could not open a window: {e}");
            eprintln!(
                "hint: on Linux this needs a running X11 or Wayland session and OpenGL (Mesa) \
                 drivers."
            );
            ExitCode::from(cli::EXIT_USAGE)
        }
    }
}

/// On SIGINT or SIGTERM, remove any half-written temporary file, then exit as the signal
/// would (128 + its number).
fn clean_up_on_signals() {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else {
        return;
    };
    let _ = std::thread::Builder::new()
        .name("scaleview-signals".into())
        .spawn(move || {
            if let Some(sig) = signals.forever().next() {
                scaleview::atomic::remove_pending_temp_files();
                std::process::exit(128 + sig);
            }
        });
}

/// The window icon, drawn from the bundled SVG (an empty icon if that ever fails).
fn window_icon() -> std::sync::Arc<egui::IconData> {
    const SIZE: u32 = 128;
    let rgba = scaleview::render::png::app_icon_rgba(SIZE).unwrap_or_default();
    std::sync::Arc::new(egui::IconData {
        rgba,
        width: SIZE,
        height: SIZE,
    })
}

/// Write generated text to standard output; a closed pipe is not an error.
fn print_bytes(bytes: &[u8]) -> ExitCode {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            cli::eprint_line(format_args!(
                "error: could not write to standard output: {e}"
            ));
            ExitCode::from(cli::EXIT_USAGE)
        }
    }
}
