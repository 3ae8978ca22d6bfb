//! The `briefbook` command: builds, checks and explores briefs from the command line.

// mimalloc rather than the system's allocator: briefbook sets and writes pages on every
// core, and glibc's per-thread heaps made the peak memory of the same build vary from 90 to
// 170 MB; mimalloc, returning freed memory soon, peaks lower and steadier, and is faster
// (README, "Side by side with Typst").
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    #[cfg(all(feature = "mimalloc", not(target_os = "linux")))]
    release_memory_at_once();
    briefbook::run_cli()
}

/// Has mimalloc give freed memory back to the system after 10 ms (`purge_delay`; it waits a
/// second by default) and commit its arenas only as they are used (`arena_eager_commit` 0;
/// memory freed in an eagerly committed arena stays counted). Together they take the
/// benchmark brief's peak from 100–150 MB to about 95 MB; giving memory back at once would
/// save another 12 MB but cost 8% of the time in system calls and page faults. The option
/// numbers are those of `mi_option_e` in mimalloc 3's `mimalloc.h`; set here, they take the
/// place of `MIMALLOC_PURGE_DELAY` and `MIMALLOC_ARENA_EAGER_COMMIT` in the environment.
///
/// An arena's commit mode is fixed when it is reserved, at the first allocation, which the
/// Rust runtime makes before `main`: on Linux this runs before the runtime starts, from
/// the executable's `.init_array` (as C constructors do); elsewhere at the start of `main`.
#[cfg(feature = "mimalloc")]
#[allow(unsafe_code)]
extern "C" fn release_memory_at_once() {
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
    // SAFETY: setting an option is a plain store into mimalloc's option table, valid at any
    // time, before any allocation included.
    unsafe {
        libmimalloc_sys::mi_option_set(PURGE_DELAY, 10);
        libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 0);
    }
}

#[cfg(all(feature = "mimalloc", target_os = "linux"))]
#[allow(unsafe_code)]
#[used]
// SAFETY: the function takes no arguments, touches only mimalloc's options and cannot
// unwind, as an `.init_array` entry must.
#[unsafe(link_section = ".init_array")]
static RELEASE_MEMORY_AT_ONCE: extern "C" fn() = release_memory_at_once;
