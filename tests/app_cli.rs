//! `briefbook` with no arguments opens the app; without a display it says so and fails
//! cleanly instead of crashing.

mod util;

#[test]
#[cfg(feature = "app")]
fn no_arguments_without_a_display_fails_with_a_clear_message() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_briefbook"))
        .current_dir(util::root())
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env("XDG_RUNTIME_DIR", std::env::temp_dir())
        .output()
        .expect("runs briefbook");
    let (_, stderr) = util::texts(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("needs a display"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
#[cfg(not(feature = "app"))]
fn without_the_app_feature_open_says_the_app_is_not_built_in() {
    let out = util::briefbook(&util::root(), &["open", "briefs/nato-defence-ministers-2026-02.toml"]);
    let (_, stderr) = util::texts(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("the desktop app is not built into this briefbook"), "{stderr}");
}

#[test]
fn help_lists_the_app_and_every_command() {
    let out = util::briefbook(&util::root(), &["--help"]);
    let (stdout, _) = util::texts(&out);
    for command in ["open", "build", "check", "docs"] {
        assert!(stdout.contains(command), "{command} missing from:\n{stdout}");
    }
    assert!(stdout.contains("With no command, opens the desktop app"), "{stdout}");
}
