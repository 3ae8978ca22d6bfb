//! The `briefbook` command: builds, checks and explores briefs from the command line.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
