//! Child processes: run to completion with their output captured, never
//! blocking on a full pipe, stopped on interrupt or timeout.

use std::io;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::interrupt::interrupted;

/// Why a child process was stopped before it finished.
#[derive(Debug, Clone, Copy)]
pub enum Stopped {
    /// `report` was interrupted.
    Interrupted,
    /// It ran longer than allowed.
    TimedOut(Duration),
}

/// Runs a command to completion, collecting its output, unless `report` is
/// interrupted or `timeout` passes first; then the child is killed (and its
/// unfinished output, written to a temporary file, is dropped by the caller).
/// stdout and stderr are drained on their own threads, so a chatty child
/// can never block on a full pipe.
pub fn supervise(
    mut command: Command,
    timeout: Option<Duration>,
) -> io::Result<std::result::Result<Output, Stopped>> {
    command.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = command.spawn()?;
    let drain = |pipe: Option<Box<dyn io::Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn io::Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn io::Read + Send>),
    );
    let started = Instant::now();
    let outcome = loop {
        if let Some(status) = child.try_wait()? {
            break Ok(status);
        }
        let stop = if interrupted() {
            Some(Stopped::Interrupted)
        } else {
            timeout
                .filter(|limit| started.elapsed() >= *limit)
                .map(Stopped::TimedOut)
        };
        if let Some(stop) = stop {
            let _ = child.kill();
            let _ = child.wait();
            break Err(stop);
        }
        // Short naps while Typst is likely to finish soon, longer ones after.
        let nap = if started.elapsed() < Duration::from_millis(200) {
            1
        } else {
            10
        };
        std::thread::sleep(Duration::from_millis(nap));
    };
    let stdout = stdout.join().unwrap_or_default();
    let stderr = stderr.join().unwrap_or_default();
    Ok(outcome.map(|status| Output {
        status,
        stdout,
        stderr,
    }))
}
