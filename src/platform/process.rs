//! Child processes: run to completion with their output captured, never
//! blocking on a full pipe, stopped on interrupt or timeout.

use std::io::{self, Read};
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::platform::interrupt::interrupted;

/// Why a child process was stopped before it finished.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Stopped {
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
///
/// The outer error is the spawn's (e.g. [`io::ErrorKind::NotFound`] for a
/// missing program); callers turn it into a problem that says how to fix it.
pub(crate) fn supervise(
    mut command: Command,
    timeout: Option<Duration>,
) -> io::Result<std::result::Result<Output, Stopped>> {
    command.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = command.spawn()?;
    let (closed, pipes_closed) = mpsc::channel();
    let stdout = drain(child.stdout.take(), closed.clone());
    let stderr = drain(child.stderr.take(), closed);
    let outcome = wait(&mut child, timeout, &pipes_closed);
    if outcome.is_err() {
        // Never leave a child running behind an error.
        let _ = child.kill();
        let _ = child.wait();
    }
    let stdout = stdout.join().unwrap_or_default();
    let stderr = stderr.join().unwrap_or_default();
    Ok(outcome?.map(|status| Output {
        status,
        stdout,
        stderr,
    }))
}

/// Reads a pipe to its end on a thread of its own, and says when it is
/// closed: a child closes its pipes as it exits, so the waiter wakes then
/// instead of on its next poll.
fn drain(pipe: Option<impl Read + Send + 'static>, closed: Sender<()>) -> JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut bytes);
        }
        let _ = closed.send(());
        bytes
    })
}

/// Waits for the child to exit, or kills it on interrupt or timeout.
///
/// While its pipes are open the waiter sleeps on them (waking at once when
/// the child exits, and every 50 ms to look at the clock and the interrupt
/// flag); once both are closed the exit is a moment away.
fn wait(
    child: &mut Child,
    timeout: Option<Duration>,
    pipes_closed: &Receiver<()>,
) -> io::Result<std::result::Result<ExitStatus, Stopped>> {
    let started = Instant::now();
    let mut open_pipes = 2;
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Ok(status));
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
            return Ok(Err(stop));
        }
        if open_pipes > 0 {
            if pipes_closed.recv_timeout(Duration::from_millis(50)).is_ok() {
                open_pipes -= 1;
            }
        } else {
            std::thread::sleep(Duration::from_millis(1));
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn sh(script: &str) -> Command {
        let mut command = Command::new("sh");
        command.args(["-c", script]);
        command
    }

    #[test]
    fn a_chatty_child_never_blocks_on_a_full_pipe() -> io::Result<()> {
        // 1 MiB on each pipe: far more than a pipe buffer holds.
        let script = "head -c 1048576 /dev/zero; head -c 1048576 /dev/zero >&2; exit 3";
        let output = supervise(sh(script), Some(Duration::from_secs(60)))?
            .map_err(|stop| io::Error::other(format!("{stop:?}")))?;
        assert_eq!(output.status.code(), Some(3));
        assert_eq!(output.stdout.len(), 1 << 20);
        assert_eq!(output.stderr.len(), 1 << 20);
        Ok(())
    }

    #[test]
    fn a_child_that_runs_too_long_is_stopped() -> io::Result<()> {
        let started = Instant::now();
        let outcome = supervise(sh("exec sleep 30"), Some(Duration::from_millis(100)))?;
        assert!(matches!(outcome, Err(Stopped::TimedOut(_))));
        assert!(started.elapsed() < Duration::from_secs(10));
        Ok(())
    }

    #[test]
    fn a_missing_program_is_a_not_found_error() {
        let error =
            supervise(Command::new("/nonexistent/typst"), None).expect_err("no such program");
        assert_eq!(error.kind(), io::ErrorKind::NotFound);
    }
}

/// A command's arguments as text, for tests that check what would be run.
#[cfg(test)]
pub(crate) fn command_words(command: &Command) -> Vec<String> {
    command
        .get_args()
        .map(|a| a.to_string_lossy().into_owned())
        .collect()
}
