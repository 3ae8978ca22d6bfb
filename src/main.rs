//! The `briefbook` command: builds, checks and explores briefs from the command line.

fn main() -> std::process::ExitCode {
    briefbook::run_cli()
}
